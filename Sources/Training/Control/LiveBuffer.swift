import Foundation
import Telemetry

/// The bounded hand-over from the trainer to the dashboard. The trainer appends and never
/// waits; when the buffer overflows it sheds to three quarters of its capacity, dropping
/// the oldest histograms first
/// (the heaviest, and superseded by the next probe), then the oldest scalars. Text events
/// (control, advice, summary) and session markers are never dropped: they are rare and a
/// replay must show every intervention. The run file gets everything regardless.
public final class LiveBuffer: Sendable {
    private struct State {
        var events: [Event] = []
        var dropped = 0
    }

    /// How many events the buffer holds at most (text events may exceed it).
    public let capacity: Int
    private let state = Shared(State())

    /// A buffer of `capacity` events (at least 1).
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Appends events, dropping old ones if over capacity (the trainer thread).
    public func append(_ newEvents: [Event]) {
        guard !newEvents.isEmpty else { return }
        state.withLock { state in
            state.events.append(contentsOf: newEvents)
            guard state.events.count > capacity else { return }
            // Shed a quarter at once: when nobody drains (headless runs), a pass over the
            // buffer then happens every capacity/4 events instead of on every append.
            state.dropped += Self.shed(&state.events, toCount: capacity - capacity / 4)
        }
    }

    /// Takes everything buffered (the dashboard thread).
    public func drain() -> [Event] {
        state.withLock { state in
            defer { state.events.removeAll(keepingCapacity: true) }
            return state.events
        }
    }

    /// Events dropped so far because the consumer fell behind.
    public var droppedCount: Int {
        state.withLock { $0.dropped }
    }

    /// Removes the oldest histograms, then the oldest scalars, until `events` fits; returns
    /// how many it removed. One pass per kind, keeping order.
    static func shed(_ events: inout [Event], toCount target: Int) -> Int {
        var excess = events.count - target
        let before = events.count
        for isDroppable in [Self.isHistogram, Self.isScalar] where excess > 0 {
            var kept: [Event] = []
            kept.reserveCapacity(events.count)
            for event in events {
                if excess > 0, isDroppable(event) {
                    excess -= 1
                } else {
                    kept.append(event)
                }
            }
            events = kept
        }
        return before - events.count
    }

    private static func isHistogram(_ event: Event) -> Bool {
        if case .histogram = event.value { return true }
        return false
    }

    private static func isScalar(_ event: Event) -> Bool {
        if case .scalar = event.value { return true }
        return false
    }
}
