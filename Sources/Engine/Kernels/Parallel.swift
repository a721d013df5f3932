import Dispatch
import Foundation
import Synchronization

/// Splits work across threads. The engine's only source of parallelism, so thread use stays
/// visible and bounded by `GEMM.threadCount`.
enum Parallel {
    /// Runs `body(i)` for `i` in `0..<count`, concurrently when `count > 1`.
    ///
    /// The parts go to one persistent helper thread (`HelperThread`), which spins briefly
    /// after each job and then parks, so back-to-back products in a training step do not pay a
    /// futex wake each. The caller claims parts too: when the helper is descheduled (cores
    /// oversubscribed) the caller runs every part itself rather than waiting for it. When the
    /// helper is owned by another caller (concurrent or nested use) this falls back to
    /// `DispatchQueue.concurrentPerform`.
    static func forEach(_ count: Int, _ body: (Int) -> Void) {
        if count <= 1 {
            if count == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            if count <= HelperThread.maxParts, HelperThread.shared.run(count, escapable) { return }
            let box = UncheckedSendable(escapable)
            DispatchQueue.concurrentPerform(iterations: count) { index in box.value(index) }
        }
    }
}

/// One helper thread shared by all two-way splits. A job is published as a ticket
/// (generation << 16 | parts << 8 | next part); the caller and the helper claim parts by
/// advancing the ticket with compare-and-swap, so a part runs exactly once and a stale
/// helper never touches a newer job. Spinning is bounded (`spinLimit`) on both sides;
/// after it, the waiting side parks on a semaphore.
final class HelperThread: @unchecked Sendable {
    static let shared = HelperThread()
    static let maxParts = 255
    /// How long either side spins before parking. Covers the gaps between the split products
    /// of a step (elementwise work, small serial products) without burning a core for long
    /// when nothing follows.
    static let spinLimit = Duration.microseconds(60)

    private let owned = Atomic<Bool>(false)
    private let ticket = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    private let helperParked = Atomic<Bool>(false)
    private let callerParked = Atomic<Bool>(false)
    private let wakeHelper = DispatchSemaphore(value: 0)
    private let wakeCaller = DispatchSemaphore(value: 0)
    /// Written by the owning caller before the ticket is published; read by the helper only
    /// after it has claimed a part of that ticket's generation.
    nonisolated(unsafe) private var job: ((Int) -> Void)?
    private var generation = 0

    private init() {
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "tunetop-gemm-helper"
        thread.start()
    }

    /// Runs `body(0..<count)` with the helper; false when another caller owns it.
    func run(_ count: Int, _ body: @escaping (Int) -> Void) -> Bool {
        guard owned.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            return false
        }
        job = body
        finished.store(0, ordering: .relaxed)
        generation = (generation + 1) & 0xFFFF_FFFF
        let published = generation << 16 | count << 8
        ticket.store(published, ordering: .sequentiallyConsistent)
        if helperParked.exchange(false, ordering: .sequentiallyConsistent) { wakeHelper.signal() }
        var done = 0
        while let part = claim(generation: generation) {
            body(part)
            done += 1
        }
        if done < count {
            let target = count - done
            if !spin(until: { self.finished.load(ordering: .acquiring) >= target }) {
                while finished.load(ordering: .acquiring) < target {
                    callerParked.store(true, ordering: .sequentiallyConsistent)
                    if finished.load(ordering: .sequentiallyConsistent) >= target {
                        if callerParked.exchange(false, ordering: .sequentiallyConsistent) { break }
                        wakeCaller.wait()  // the helper saw us parked and signals
                    } else {
                        wakeCaller.wait()
                    }
                }
            }
        }
        job = nil
        owned.store(false, ordering: .releasing)
        return true
    }

    /// Claims the next part of `generation`'s job, or nil when none is left (or the job is
    /// already a newer one).
    private func claim(generation: Int) -> Int? {
        var current = ticket.load(ordering: .acquiring)
        while true {
            guard current >> 16 == generation else { return nil }
            let count = (current >> 8) & 0xFF
            let next = current & 0xFF
            guard next < count else { return nil }
            let (exchanged, original) = ticket.compareExchange(
                expected: current, desired: current + 1, ordering: .acquiringAndReleasing)
            if exchanged { return next }
            current = original
        }
    }

    private func spin(until ready: () -> Bool) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + Self.spinLimit
        while true {
            for _ in 0..<64 where ready() { return true }
            if clock.now >= deadline { return ready() }
        }
    }

    private func loop() {
        var seen = 0
        while true {
            let fresh = { self.ticket.load(ordering: .acquiring) >> 16 != seen }
            if !spin(until: fresh) {
                helperParked.store(true, ordering: .sequentiallyConsistent)
                if ticket.load(ordering: .sequentiallyConsistent) >> 16 != seen {
                    // A job arrived: take back the parked flag, or consume the signal the
                    // poster already committed to.
                    if !helperParked.exchange(false, ordering: .sequentiallyConsistent) { wakeHelper.wait() }
                } else {
                    wakeHelper.wait()
                }
            }
            seen = ticket.load(ordering: .acquiring) >> 16
            while let part = claim(generation: seen) {
                // Claimed a part of `seen`: its caller cannot finish (or replace `job`)
                // before we report it finished.
                job?(part)
                finished.add(1, ordering: .sequentiallyConsistent)
                if callerParked.exchange(false, ordering: .sequentiallyConsistent) { wakeCaller.signal() }
            }
        }
    }
}

/// Carries raw pointers and closures into worker threads; callers guarantee the threads touch
/// disjoint memory.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
