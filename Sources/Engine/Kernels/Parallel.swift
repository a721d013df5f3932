import Dispatch

/// Splits work across threads. The engine's only source of parallelism, so thread use stays
/// visible and bounded by `GEMM.threadCount`.
enum Parallel {
    /// Runs `body(i)` for `i` in `0..<count`, concurrently when `count > 1`.
    static func forEach(_ count: Int, _ body: (Int) -> Void) {
        if count <= 1 {
            if count == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            let box = UncheckedSendable(escapable)
            DispatchQueue.concurrentPerform(iterations: count) { index in box.value(index) }
        }
    }
}

/// Carries raw pointers and closures into worker threads; callers guarantee the threads touch
/// disjoint memory.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
