import Telemetry

/// The replay's transport: how far into the recorded events the screen is, whether it
/// plays, and how fast. Time follows the events' wall clock times × speed, with idle
/// gaps longer than a second skipped, so a replay shows the run as it was seen live.
struct ReplayPlayer: Sendable {
    let events: [Event]
    /// Events `0..<position` have been applied.
    private(set) var position = 0
    var playing = true
    private(set) var speed: Double
    /// The wall time the replay has reached.
    private var virtualTime: Double?
    private var lastTick: Double?

    static let speeds: [Double] = [0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 1000]
    /// The longest pause (in recorded seconds) the replay sits through.
    static let maxGap = 1.0

    init(events: [Event], speed: Double) {
        self.events = events
        self.speed = speed > 0 && speed.isFinite ? speed : 1
    }

    var atEnd: Bool { position >= events.count }
    /// The last recorded step, for seek distances.
    var lastStep: Int { events.last?.step ?? 0 }
    var currentStep: Int { position > 0 ? events[position - 1].step : 0 }

    mutating func faster() { speed = Self.speeds.first { $0 > speed } ?? speed }
    mutating func slower() { speed = Self.speeds.last { $0 < speed } ?? speed }

    /// Advances the clock to `now` and returns the events that became due.
    mutating func tick(now: Double) -> ArraySlice<Event> {
        defer { lastTick = now }
        guard playing, !atEnd else { return [] }
        let elapsed = max(0, now - (lastTick ?? now))
        var clock = (virtualTime ?? events[position].wallTime) + elapsed * speed
        if events[position].wallTime - clock > Self.maxGap {
            clock = events[position].wallTime - Self.maxGap
        }
        let start = position
        while position < events.count, events[position].wallTime <= clock { position += 1 }
        virtualTime = clock
        return events[start..<position]
    }

    /// Moves to just after the last event at or before `step`; returns whether the
    /// history must be rebuilt from the start (moving backwards) and the events to apply.
    mutating func seek(toStep step: Int) -> (rebuild: Bool, apply: ArraySlice<Event>) {
        var target = 0
        while target < events.count, events[target].step <= step { target += 1 }
        return move(to: target)
    }

    /// Moves to just after the next `events/control` event; nil when there is none.
    mutating func seekNextControl() -> (rebuild: Bool, apply: ArraySlice<Event>)? {
        guard let index = events[position...].firstIndex(where: { $0.tag == Tag.control }) else { return nil }
        playing = false
        return move(to: index + 1)
    }

    mutating func move(to target: Int) -> (rebuild: Bool, apply: ArraySlice<Event>) {
        let clamped = min(events.count, max(0, target))
        let rebuild = clamped < position
        let slice = rebuild ? events[0..<clamped] : events[position..<clamped]
        position = clamped
        virtualTime = clamped > 0 ? events[clamped - 1].wallTime : nil
        return (rebuild, slice)
    }
}
