import XCTest
import Telemetry
@testable import TunetopApp

final class HeadlessReporterTests: XCTestCase {
    final class Lines: @unchecked Sendable { var items: [String] = [] }

    func testOneLinePerEpochPlusControlAdviceAndSummary() {
        let lines = Lines()
        var clock = 0.0
        var reporter = HeadlessReporter(epochs: 2, write: { lines.items.append($0) }, now: { clock })
        func scalar(_ tag: String, _ step: Int, _ value: Double) -> Event {
            Event(step: step, wallTime: 0, tag: tag, value: .scalar(value))
        }
        reporter.consume([scalar(Tag.totalSteps, 0, 20), scalar(Tag.epoch, 0, 1), scalar(Tag.learningRate, 0, 0.01)])
        for step in 1...10 { reporter.consume([scalar(Tag.trainLoss, step, 1.0 / Double(step))]) }
        let control = ControlRecord(action: "scale_lr", source: .key, lrBefore: 0.01, lrAfter: 0.005)
        reporter.consume([Event(step: 10, wallTime: 0, tag: Tag.control, value: .text(RecordJSON.encode(control)))])
        reporter.consume([scalar(Tag.valLoss, 10, 0.25), scalar(Tag.valAccuracy, 10, 0.9), scalar(Tag.epoch, 11, 2)])
        clock = 11
        reporter.consume([scalar(Tag.trainLoss, 12, 0.05)])
        let summary = RunSummary(endReason: .completed, bestStep: 10, bestValLoss: 0.25, bestValAccuracy: 0.9, steps: 20)
        reporter.consume([Event(step: 20, wallTime: 0, tag: Tag.summary, value: .text(RecordJSON.encode(summary)))])

        XCTAssertEqual(lines.items, [
            "step 10: scale_lr by key: lr 0.01 → 0.005",
            "epoch 1/2 done  step 11/20  loss 0.1000  val loss 0.2500  val acc 90.0%  lr 0.01",
            "epoch 2/2  step 12/20  loss 0.0500  val loss 0.2500  val acc 90.0%  lr 0.01",
            "epoch 2/2 done  step 20/20  loss 0.0500  val loss 0.2500  val acc 90.0%  lr 0.01",
            "finished: completed at step 20, best val loss 0.2500 (val acc 90.00%) at step 10",
        ])
    }
}
