import Telemetry
import Training

/// The trainer's sink for a recorded run: every event goes to the run file. The writer
/// buffers and flushes on its own thread, so recording never blocks a training step.
final class RunFileSink: EventSink, @unchecked Sendable {
    let writer: RunWriter

    init(writer: RunWriter) {
        self.writer = writer
    }

    func record(_ events: [Event]) {
        writer.write(events)
    }
}
