import Foundation
import Telemetry

/// Hands events to the sink on a thread of its own, so the training thread only ever
/// appends to a queue: a sink that blocks on a slow disk delays the file, never a step.
/// The queue is unbounded on purpose — the run file must get every event — and batches
/// whatever piled up into one `record` call, so a slow sink catches up in few calls.
final class EventDelivery: @unchecked Sendable {
    private let sink: any EventSink
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [Event] = []
    private var closed = false
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the delivery thread.
    init(sink: any EventSink) {
        self.sink = sink
        let thread = Thread { [self] in self.deliverUntilClosed() }
        thread.name = "tunetop.sink"
        thread.start()
    }

    /// Queues events for the sink (never waits for it).
    func enqueue(_ events: [Event]) {
        guard !events.isEmpty else { return }
        condition.lock()
        queue.append(contentsOf: events)
        condition.signal()
        condition.unlock()
    }

    /// Delivers what is queued, then stops; returns when the sink has everything.
    func closeAndWait() {
        condition.lock()
        let alreadyClosed = closed
        closed = true
        condition.signal()
        condition.unlock()
        if !alreadyClosed { finished.wait() }
    }

    private func deliverUntilClosed() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            let batch = queue
            queue.removeAll(keepingCapacity: true)
            let done = closed && batch.isEmpty
            condition.unlock()
            if done { break }
            sink.record(batch)
        }
        finished.signal()
    }
}
