import Telemetry

/// Receives every event of a run, in order (the app's sink writes the run file). Called on
/// the trainer's delivery thread, never the training thread, so a slow disk or a sleeping
/// sink never slows training; it must not call back into the trainer synchronously.
public protocol EventSink: AnyObject, Sendable {
    /// Records a batch of events, oldest first.
    func record(_ events: [Event])
}

/// Sees each batch of the trainer's events on the trainer thread and may answer with
/// events of its own (the doctor's advice), which are recorded and published like the
/// trainer's. Keep it cheap: it runs between steps.
public protocol EventObserver: AnyObject {
    /// Looks at `events`; returns events to add to the stream (usually none).
    func observe(_ events: [Event]) -> [Event]
}
