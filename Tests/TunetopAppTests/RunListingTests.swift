import XCTest
import Telemetry
@testable import TunetopApp

final class RunListingTests: XCTestCase {
    func testRowPrefersRecordedSummaryAndFallsBackToScalars() {
        let events = [
            Event(step: 0, wallTime: 100, tag: Tag.trainLoss, value: .scalar(2)),
            Event(step: 50, wallTime: 130, tag: Tag.valLoss, value: .scalar(0.5)),
            Event(step: 50, wallTime: 130, tag: Tag.valAccuracy, value: .scalar(0.8)),
            Event(step: 100, wallTime: 165, tag: Tag.valLoss, value: .scalar(0.7)),
            Event(step: 100, wallTime: 165, tag: Tag.valAccuracy, value: .scalar(0.85)),
        ]
        let running = RunListing.row(name: "a", events: events)
        XCTAssertEqual(running, RunRow(name: "a", endReason: "running?", steps: 100, bestValLoss: 0.5, bestValAccuracy: 0.85, duration: 65))

        let summary = RunSummary(endReason: .userStop, bestStep: 50, bestValLoss: 0.5, bestValAccuracy: 0.8, steps: 100)
        let ended = events + [Event(step: 100, wallTime: 166, tag: Tag.summary, value: .text(RecordJSON.encode(summary)))]
        XCTAssertEqual(RunListing.row(name: "a", events: ended).endReason, "user_stop")
        XCTAssertEqual(RunListing.row(name: "a", events: ended).bestValAccuracy, 0.8)
    }

    func testTableAlignsColumns() {
        let rows = [
            RunRow(name: "digits-1", endReason: "completed", steps: 1120, bestValLoss: 0.0812, bestValAccuracy: 0.975, duration: 12.34),
            RunRow(name: "x", endReason: "running?", steps: 3, bestValLoss: nil, bestValAccuracy: nil, duration: 3725),
        ]
        XCTAssertEqual(RunListing.table(rows), """
            NAME      END        STEPS  BEST VAL LOSS  BEST VAL ACC  DURATION
            digits-1  completed  1120   0.0812         97.50%        12.3s
            x         running?   3      -              -             1h02m
            """)
    }
}
