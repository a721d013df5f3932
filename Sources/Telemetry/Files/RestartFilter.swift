/// TensorBoard's restart semantics, applied while a run is read:
///
/// - A `SessionLog.START` at step S (what a resumed writer records) drops every value recorded
///   before it whose step is ≥ S, in every tag: those steps were redone after the restart
///   (TensorBoard `event_accumulator.py::_MaybePurgeOrphanedData`).
/// - A tag whose step goes *back* to S (a writer that restarted without saying so) drops that
///   tag's earlier values with step ≥ S, like TensorBoard's data server does per time series.
///   An equal step is not a restart: several text events (advice, control) may share one step.
///
/// Each tag's kept events form a chain (newest first, through `previousOfTag`) whose steps are
/// non-decreasing from oldest to newest, so a purge pops from the chain's head: every event is
/// dropped at most once and the whole pass stays linear.
struct RestartFilter {
    private var events: [Event] = []
    /// Per event: the index of the previous kept event of its tag, or -1.
    private var previousOfTag: [Int32] = []
    /// Per tag id: the index of its newest kept event, or -1.
    private var newestOfTag: [Int32] = []
    /// Allocated at the first drop; most runs never restart.
    private var dropped: [Bool] = []
    private var droppedCount = 0

    mutating func reserveCapacity(_ count: Int) {
        events.reserveCapacity(events.count + count)
        previousOfTag.reserveCapacity(previousOfTag.count + count)
    }

    mutating func append(_ decoded: DecodedEvent) {
        let step = decoded.event.step
        let index = Int32(truncatingIfNeeded: events.count)
        if decoded.tagID < 0 {
            for tag in newestOfTag.indices { dropNewest(ofTag: tag, fromStep: step) }
            previousOfTag.append(-1)
        } else {
            while newestOfTag.count <= decoded.tagID { newestOfTag.append(-1) }
            let newest = newestOfTag[decoded.tagID]
            if newest >= 0, events[Int(newest)].step > step { dropNewest(ofTag: decoded.tagID, fromStep: step) }
            previousOfTag.append(newestOfTag[decoded.tagID])
            newestOfTag[decoded.tagID] = index
        }
        events.append(decoded.event)
    }

    private mutating func dropNewest(ofTag tag: Int, fromStep step: Int) {
        var newest = Int(newestOfTag[tag])
        while newest >= 0, events[newest].step >= step {
            if dropped.count < events.count { dropped += repeatElement(false, count: events.count - dropped.count) }
            dropped[newest] = true
            droppedCount += 1
            newest = Int(previousOfTag[newest])
        }
        newestOfTag[tag] = Int32(newest)
    }

    /// The kept events, in the order they were recorded.
    func finish() -> [Event] {
        guard droppedCount > 0 else { return events }
        var kept = [Event]()
        kept.reserveCapacity(events.count - droppedCount)
        // `dropped` stops at the last drop; events after it are all kept.
        for index in events.indices where index >= dropped.count || !dropped[index] { kept.append(events[index]) }
        return kept
    }
}
