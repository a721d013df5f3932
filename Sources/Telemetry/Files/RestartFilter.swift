/// TensorBoard's restart semantics, applied while a run is read:
///
/// - A `SessionLog.START` at step S (what a resumed writer records) drops every value recorded
///   before it whose step is ≥ S, in every tag: those steps were redone after the restart
///   (TensorBoard `event_accumulator.py::_MaybePurgeOrphanedData`).
/// - A tag whose step goes *back* to S (a writer that restarted without saying so) drops that
///   tag's earlier values with step ≥ S, like TensorBoard's data server does per time series.
///   An equal step is not a restart: several text events (advice, control) may share one step.
///
/// Each tag's kept steps stay non-decreasing, so a purge pops from the tail of that tag's list:
/// every event is dropped at most once and the whole pass stays linear.
struct RestartFilter {
    private var events: [Event] = []
    private var dropped: [Bool] = []
    private var droppedCount = 0
    /// Per tag id: indices into `events` of its kept events, in order (non-decreasing steps).
    private var keptByTag: [[Int32]] = []

    mutating func reserveCapacity(_ count: Int) {
        events.reserveCapacity(count)
        dropped.reserveCapacity(count)
    }

    mutating func append(_ decoded: DecodedEvent) {
        let step = decoded.event.step
        if decoded.tagID < 0 {
            for tag in keptByTag.indices { dropTail(ofTag: tag, fromStep: step) }
        } else {
            while keptByTag.count <= decoded.tagID { keptByTag.append([]) }
            if let last = keptByTag[decoded.tagID].last, events[Int(last)].step > step {
                dropTail(ofTag: decoded.tagID, fromStep: step)
            }
            keptByTag[decoded.tagID].append(Int32(truncatingIfNeeded: events.count))
        }
        events.append(decoded.event)
        dropped.append(false)
    }

    private mutating func dropTail(ofTag tag: Int, fromStep step: Int) {
        while let last = keptByTag[tag].last, events[Int(last)].step >= step {
            dropped[Int(last)] = true
            droppedCount += 1
            keptByTag[tag].removeLast()
        }
    }

    /// The kept events, in the order they were recorded.
    func finish() -> [Event] {
        guard droppedCount > 0 else { return events }
        var kept = [Event]()
        kept.reserveCapacity(events.count - droppedCount)
        for index in events.indices where !dropped[index] { kept.append(events[index]) }
        return kept
    }
}
