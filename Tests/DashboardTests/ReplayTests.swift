import Telemetry
import TermCanvas
import XCTest
@testable import Dashboard

final class ReplayTests: XCTestCase {
    private func replay() -> DashboardState {
        DashboardState(mode: .replay(events: SampleRun.events(), name: "r"), options: DashboardOptions())
    }

    func testPlaybackFollowsTheRecordedClockTimesSpeed() {
        var state = replay()
        _ = state.update(.tick(now: 0))
        _ = state.update(.tick(now: 0.5))  // 0.5 s of a run recorded at 100 steps/s
        XCTAssertEqual(state.history.lastStep, 50, accuracy: 1)
        _ = state.update(.key(.character(">")))  // ×2
        _ = state.update(.tick(now: 0.75))
        XCTAssertEqual(state.history.lastStep, 100, accuracy: 1)
    }

    func testSeekForwardBackwardAndEnds() {
        var state = replay()
        _ = state.update(.key(.end))
        XCTAssertEqual(state.history.lastStep, 200)
        XCTAssertEqual(state.history.learningRateChanges.count, 1)
        _ = state.update(.key(.left))
        XCTAssertEqual(state.history.lastStep, 189)
        XCTAssertEqual(state.history.trainLoss.count, 189, "seeking back rebuilds the history")
        _ = state.update(.key(.home))
        XCTAssertEqual(state.history.trainLoss.count, 0)
        _ = state.update(.key(.right))
        XCTAssertEqual(state.history.lastStep, 10)
    }

    func testNextControlEventStopsJustAfterIt() {
        var state = replay()
        _ = state.update(.key(.character("n")))
        XCTAssertEqual(state.history.learningRateChanges.map(\.step), [100])
        XCTAssertEqual(state.player?.playing, false)
    }

    func testPauseStopsTheClock() {
        var state = replay()
        _ = state.update(.tick(now: 0))
        _ = state.update(.key(.character(" ")))
        _ = state.update(.tick(now: 5))
        XCTAssertEqual(state.history.lastStep, 0)
    }
}
