import Foundation

/// A value shared between the training thread and others, behind a lock. A class so that
/// closures can capture it (`Synchronization.Mutex` is non-copyable and cannot be).
final class Shared<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) {
        stored = value
    }

    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }

    /// Runs `body` on the value under the lock and returns its result.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&stored)
    }

    /// Changes the value in place under the lock.
    func update(_ change: (inout Value) -> Void) {
        withLock(change)
    }
}

/// A flag set from any thread and polled by the trainer.
final class SharedFlag: Sendable {
    private let flag = Shared(false)

    var isSet: Bool { flag.value }

    func set() { flag.value = true }

    /// Sets the flag; returns whether it was already set.
    func testAndSet() -> Bool {
        flag.withLock { value in
            defer { value = true }
            return value
        }
    }
}
