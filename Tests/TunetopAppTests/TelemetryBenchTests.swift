import Foundation
import XCTest
@testable import TunetopApp

final class TelemetryBenchTests: XCTestCase {
    /// A small `replay_open` figure (set `TUNETOP_BENCH_REPLAY_EVENTS` to measure a big one).
    func testReplayOpenFigure() throws {
        let events = Int(ProcessInfo.processInfo.environment["TUNETOP_BENCH_REPLAY_EVENTS"] ?? "") ?? 20_000
        let figure = try TelemetryBench.replayOpen(events: events)
        print(figure.jsonLine)
        XCTAssertEqual(figure.figure, "replay_open")
        XCTAssertEqual(figure.n, events)
        XCTAssertEqual(figure.unit, "s")
        XCTAssertGreaterThan(figure.value, 0)
    }
}
