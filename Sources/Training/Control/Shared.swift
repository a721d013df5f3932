import Synchronization

/// A value shared between the training thread and others, behind a lock. A class so that
/// closures can capture it (`Mutex` itself is non-copyable).
final class Shared<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        mutex = Mutex(value)
    }

    var value: Value {
        get { mutex.withLock { $0 } }
        set { mutex.withLock { $0 = newValue } }
    }

    /// Changes the value in place under the lock.
    func update(_ change: (inout Value) -> Void) {
        mutex.withLock { change(&$0) }
    }
}

/// A flag set from any thread and polled by the trainer.
final class SharedFlag: Sendable {
    private let atomic = Atomic<Bool>(false)

    var isSet: Bool { atomic.load(ordering: .acquiring) }

    func set() { atomic.store(true, ordering: .releasing) }

    /// Sets the flag; returns whether it was already set.
    func testAndSet() -> Bool { atomic.exchange(true, ordering: .acquiringAndReleasing) }
}
