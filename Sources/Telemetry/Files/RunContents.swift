/// Everything a run's files hold, as replay needs it: events in recorded order (restart
/// semantics applied), the damage found, and which files were read.
public struct RunContents: Sendable {
    /// The events in the order they were recorded, session starts included.
    public let events: [Event]
    /// Damaged stretches that were skipped, in file order.
    public let damages: [Damage]
    /// The event files read, in the order they were read.
    public let files: [String]
    /// `runningMaxStep[i]` = the largest step among `events[0...i]`: non-decreasing, so a seek is
    /// a binary search even where steps within the run repeat or interleave.
    private let runningMaxStep: [Int]

    /// Wraps events already in recorded order, building the step index.
    public init(events: [Event], damages: [Damage], files: [String]) {
        self.events = events
        self.damages = damages
        self.files = files
        var runningMax = [Int]()
        runningMax.reserveCapacity(events.count)
        var highest = Int.min
        for event in events {
            highest = max(highest, event.step)
            runningMax.append(highest)
        }
        runningMaxStep = runningMax
    }

    /// The index of the first event recorded once the run had reached `step`: replaying
    /// `events[..<index]` shows everything recorded before that step. O(log n).
    public func index(ofStep step: Int) -> Int {
        var low = 0, high = runningMaxStep.count
        while low < high {
            let middle = (low + high) / 2
            if runningMaxStep[middle] < step { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The largest step in the run; nil when it holds no events.
    public var lastStep: Int? { runningMaxStep.last }
}
