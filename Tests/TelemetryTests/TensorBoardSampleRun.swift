import Foundation
import XCTest
@testable import Telemetry

/// Writes a run the way tunetop does, plus what our reader reads from it, for
/// `scripts/check-with-tensorboard.py` to compare with TensorBoard's own reader. Runs only when
/// `TUNETOP_SAMPLE_RUN_DIR` names the directory to write (the test is a no-op otherwise).
final class TensorBoardSampleRun: XCTestCase {
    func testWriteSampleRun() throws {
        guard let directory = ProcessInfo.processInfo.environment["TUNETOP_SAMPLE_RUN_DIR"] else { return }
        try? FileManager.default.removeItem(atPath: directory)
        let writer = try RunWriter(directory: directory)
        writer.write([Event(step: 0, wallTime: 1_700_000_000, tag: Tag.config, value: .text("model: mlp\nlr: 0.1"))])
        for step in 1...40 {
            writer.write(Self.stepEvents(step, wallTime: 1_700_000_000 + Double(step) * 0.25, resumed: false))
        }
        try writer.close()
        let resumed = try RunWriter(directory: directory, resumeAtStep: 31)
        for step in 31...50 {
            resumed.write(Self.stepEvents(step, wallTime: 1_700_000_100 + Double(step) * 0.25, resumed: true))
        }
        let summary = RunSummary(endReason: .completed, bestStep: 48, bestValLoss: 0.125)
        resumed.write([Event(step: 50, wallTime: 1_700_000_200, tag: Tag.summary, value: .text(RecordJSON.encode(summary)))])
        try resumed.close()

        let contents = try RunReader.read(path: directory)
        XCTAssertEqual(contents.damages, [])
        try Self.expectedJSON(contents.events).write(to: URL(fileURLWithPath: directory + ".expected.json"))
    }

    static func stepEvents(_ step: Int, wallTime: Double, resumed: Bool) -> [Event] {
        var events = [
            Event(step: step, wallTime: wallTime, tag: Tag.trainLoss, value: .scalar((resumed ? 1.5 : 2.0) / Double(step))),
            Event(step: step, wallTime: wallTime, tag: Tag.learningRate, value: .scalar(step > 20 ? 0.05 : 0.1)),
        ]
        if step % 10 == 0 {
            events.append(Event(step: step, wallTime: wallTime, tag: Tag.valLoss, value: .scalar(step == 40 ? .nan : 1.0 / Double(step))))
            let limits = [-0.1, -0.01, 0, 0.01, 0.1, Double(step)]
            let histogram = Histogram(
                min: -0.09, max: Double(step), count: 21, sum: Double(step), sumSquares: Double(step * step),
                bucketLimits: limits, bucketCounts: [1, 4, 5, 6, 4, 1])
            events.append(Event(step: step, wallTime: wallTime, tag: Tag.layer("fc1", .weights), value: .histogram(histogram)))
        }
        if step == 20 {
            let control = ControlRecord(action: "scale_lr", source: .key, lrBefore: 0.1, lrAfter: 0.05)
            events.append(Event(step: step, wallTime: wallTime, tag: Tag.control, value: .text(RecordJSON.encode(control))))
            let advice = AdviceRecord(rule: "plateau", severity: .warning, message: "val loss flat for 3 evaluations")
            events.append(Event(step: step, wallTime: wallTime, tag: Tag.advice, value: .text(RecordJSON.encode(advice))))
        }
        return events
    }

    /// Our reading in the format of the fixtures' `.expected.json` (what EventAccumulator reports).
    /// Written by hand: Swift's shortest round-trip digits, which JSONSerialization does not promise.
    static func expectedJSON(_ events: [Event]) throws -> Data {
        func number(_ value: Double) -> String {
            if value.isNaN { return "\"NaN\"" }
            if value.isInfinite { return value > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
            return "\(value)"
        }
        var entries: [String] = []
        for event in events {
            var fields = ["\"tag\": \(Exporter.jsonString(event.tag))", "\"step\": \(event.step)", "\"wall_time\": \(number(event.wallTime))"]
            switch event.value {
            case .scalar(let value):
                fields += ["\"kind\": \"scalar\"", "\"value\": \(number(value))"]
            case .text(let text):
                fields += ["\"kind\": \"text\"", "\"value\": \(Exporter.jsonString(text))"]
            case .histogram(let h):
                fields += [
                    "\"kind\": \"histogram\"", "\"min\": \(number(h.min))", "\"max\": \(number(h.max))",
                    "\"num\": \(number(h.count))", "\"sum\": \(number(h.sum))", "\"sum_squares\": \(number(h.sumSquares))",
                    "\"bucket_limit\": [\(h.bucketLimits.map(number).joined(separator: ", "))]",
                    "\"bucket\": [\(h.bucketCounts.map(number).joined(separator: ", "))]",
                ]
            case .sessionStart:
                continue
            }
            entries.append("{" + fields.joined(separator: ", ") + "}")
        }
        return Data(("[\n" + entries.joined(separator: ",\n") + "\n]\n").utf8)
    }
}
