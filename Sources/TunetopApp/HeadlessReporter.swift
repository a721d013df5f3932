import Foundation
import Telemetry

/// Turns the event stream into plain progress lines for a non-terminal standard output
/// (`--headless`, pipes, CI logs): one line per epoch, a throttled line within long epochs,
/// and one line per control event, piece of advice and the final summary.
struct HeadlessReporter {
    /// Seconds between in-epoch lines.
    var throttle: Double = 10
    /// Throttle by the events' own wall times instead of the clock: a replay prints the lines
    /// the run printed when it trained, however fast the file is read.
    var usesRecordedTime = false
    private let write: (String) -> Void
    private let now: () -> Double
    private var lastLineTime: Double
    private var epoch = 0
    private var totalSteps: Int?
    private var step = 0
    private var latest: [String: Double] = [:]
    private var epochs: Int?
    private var recordedTime = 0.0
    private var linedStep = 0
    private var sawSummary = false

    /// A reporter writing lines through `write`; `now` is the clock (seconds).
    init(epochs: Int?, write: @escaping (String) -> Void, now: @escaping () -> Double = { Date().timeIntervalSince1970 }) {
        self.epochs = epochs
        self.write = write
        self.now = now
        self.lastLineTime = now()
    }

    /// Consumes a batch of events in order.
    mutating func consume(_ events: [Event]) {
        for event in events { consume(event) }
    }

    /// Picks up a run already in progress (the dashboard consumed its earlier events).
    mutating func resume(epoch: Int, step: Int, totalSteps: Int?) {
        self.epoch = epoch
        self.step = step
        if let totalSteps { self.totalSteps = totalSteps }
    }

    /// Ends the report: a run whose file has no summary (another tool's, or cut short)
    /// still gets its last values on a line.
    mutating func finish() {
        if !sawSummary && step > linedStep { emitProgress(epoch: epoch, done: false) }
    }

    private mutating func consume(_ event: Event) {
        step = max(step, event.step)
        if usesRecordedTime {
            if lastLineTime > event.wallTime { lastLineTime = event.wallTime }
            recordedTime = event.wallTime
        }
        switch event.value {
        case .scalar(let value):
            latest[event.tag] = value
            if event.tag == Tag.totalSteps { totalSteps = Int(value) }
            if event.tag == Tag.epoch {
                let next = Int(value)
                if next > 1 && next != epoch { emitProgress(epoch: next - 1, done: true) }
                epoch = next
            } else if event.tag == Tag.trainLoss, currentTime - lastLineTime >= throttle {
                emitProgress(epoch: epoch, done: false)
            }
        case .text(let text):
            emitText(tag: event.tag, text: text, step: event.step)
        case .histogram, .sessionStart:
            break
        }
    }

    private mutating func emitText(tag: String, text: String, step: Int) {
        switch tag {
        case Tag.control:
            guard let record = RecordJSON.decode(ControlRecord.self, from: text) else { return }
            let detail = record.detail.map { " (\($0))" } ?? ""
            write("step \(step): \(record.action) by \(record.source.rawValue): lr \(Self.lr(record.lrBefore)) → \(Self.lr(record.lrAfter))\(detail)")
        case Tag.advice:
            guard let record = RecordJSON.decode(AdviceRecord.self, from: text) else { return }
            write("step \(step): doctor [\(record.severity.rawValue)] \(record.message)")
        case Tag.summary:
            guard let summary = RecordJSON.decode(RunSummary.self, from: text) else { return }
            sawSummary = true
            emitProgress(epoch: epoch, done: true)
            var line = "finished: \(summary.endReason.rawValue) at step \(summary.steps ?? step)"
            if let loss = summary.bestValLoss { line += ", best val loss \(Self.number(loss))" }
            if let accuracy = summary.bestValAccuracy { line += String(format: " (val acc %.2f%%)", accuracy * 100) }
            if let best = summary.bestStep { line += " at step \(best)" }
            write(line)
        default:
            break
        }
    }

    private var currentTime: Double { usesRecordedTime ? recordedTime : now() }

    private mutating func emitProgress(epoch: Int, done: Bool) {
        lastLineTime = currentTime
        linedStep = step
        var parts = ["epoch \(epoch)" + (epochs.map { "/\($0)" } ?? "") + (done ? " done" : "")]
        parts.append("step \(step)" + (totalSteps.map { "/\($0)" } ?? ""))
        if let loss = latest[Tag.trainLoss] { parts.append("loss \(Self.number(loss))") }
        if let accuracy = latest[Tag.trainAccuracy] { parts.append(String(format: "acc %.1f%%", accuracy * 100)) }
        if let loss = latest[Tag.valLoss] { parts.append("val loss \(Self.number(loss))") }
        if let accuracy = latest[Tag.valAccuracy] { parts.append(String(format: "val acc %.1f%%", accuracy * 100)) }
        if let lr = latest[Tag.learningRate] { parts.append("lr \(Self.lr(lr))") }
        if let speed = latest[Tag.examplesPerSecond] { parts.append(String(format: "%.0f ex/s", speed)) }
        write(parts.joined(separator: "  "))
    }

    private static func number(_ value: Double) -> String { value.isFinite ? String(format: "%.4f", value) : nonFinite(value) }
    private static func lr(_ value: Double) -> String { value.isFinite ? String(format: "%.3g", value) : nonFinite(value) }
    private static func nonFinite(_ value: Double) -> String { value.isNaN ? "NaN" : value > 0 ? "+Inf" : "-Inf" }
}
