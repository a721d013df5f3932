/// Examples per second and the ETA over a sliding window of at least a second, so the
/// numbers are steady enough to read and cost one clock read per step.
struct ThroughputMeter {
    /// Seconds a window must span before it reports.
    var minimumWindow: Double = 1
    private var windowStart: Double?
    private var examples = 0
    private var steps = 0

    /// Rates over the finished window.
    struct Reading {
        var examplesPerSecond: Double
        var stepsPerSecond: Double
    }

    /// Counts a step; returns a reading when the window is long enough (or `force` and any
    /// step was counted) and starts the next window.
    mutating func record(examples batch: Int, now: Double, force: Bool = false) -> Reading? {
        guard let start = windowStart else {
            // The first step after a (re)start only opens the window: its duration is
            // unknown, and it pays one-time costs (allocation, caches).
            windowStart = now
            return nil
        }
        examples += batch
        steps += 1
        return take(now: now, force: force, start: start)
    }

    /// A reading of the current window if it has steps (epoch ends), then a new window.
    mutating func flush(now: Double) -> Reading? {
        guard let start = windowStart else { return nil }
        return take(now: now, force: true, start: start)
    }

    /// Starts over (after a pause or an evaluation, whose time is not training time).
    mutating func restart() {
        windowStart = nil
        examples = 0
        steps = 0
    }

    private mutating func take(now: Double, force: Bool, start: Double) -> Reading? {
        let elapsed = now - start
        guard elapsed >= minimumWindow || (force && elapsed > 0 && steps > 0) else { return nil }
        let reading = Reading(examplesPerSecond: Double(examples) / elapsed, stepsPerSecond: Double(steps) / elapsed)
        windowStart = now
        examples = 0
        steps = 0
        return reading
    }
}
