import Telemetry
import TermCanvas
import XCTest
@testable import Dashboard

final class UpdateTests: XCTestCase {
    private func liveState(events: [Event] = SampleRun.events()) -> DashboardState {
        var state = DashboardState(mode: .live(name: "run"), options: DashboardOptions())
        _ = state.update(.events(events))
        return state
    }

    func testHalvingGoesThroughTheCommandCallback() {
        let screen = FakeScreen(keys: [nil, .character("h"), .character("H"), .character("d")])
        var sent: [Command] = []
        let exit = DashboardApp.run(.live(name: "run"), screen: screen, options: DashboardOptions(),
                                    pollEvents: { [] }, sendCommand: { sent.append($0) })
        XCTAssertEqual(sent, [.scaleLearningRate(0.5), .scaleLearningRate(2), .scaleLearningRate(0.2)])
        XCTAssertEqual(exit, .signal(15))
        XCTAssertFalse(screen.frames.isEmpty)
    }

    func testStopAsksThenConfirms() {
        var state = liveState()
        XCTAssertEqual(state.update(.key(.character("s"))), [])
        XCTAssertEqual(state.prompt, .confirmStop)
        XCTAssertEqual(state.update(.key(.character("y"))), [.send(.stopEarly)])
        XCTAssertNil(state.prompt)
        XCTAssertTrue(state.stopRequested)
    }

    func testStopCanBeCancelled() {
        var state = liveState()
        _ = state.update(.key(.character("s")))
        XCTAssertEqual(state.update(.key(.character("n"))), [])
        XCTAssertFalse(state.stopRequested)
    }

    func testStopThenSummaryExitsWithTheRunEnded() {
        let screen = FakeScreen(keys: [.character("s"), .character("y"), nil, nil])
        var sent: [Command] = []
        var delivered = false
        let exit = DashboardApp.run(
            .live(name: "run"), screen: screen,
            options: DashboardOptions(exitWhenFinished: true),
            pollEvents: {
                guard sent.contains(.stopEarly), !delivered else { return [] }
                delivered = true
                return SampleRun.events(summary: true)
            },
            sendCommand: { sent.append($0) })
        XCTAssertEqual(sent, [.stopEarly])
        XCTAssertEqual(exit, .runEnded)
    }

    func testQuitWhileLiveAsksStopOrKeepGoing() {
        var state = liveState()
        XCTAssertEqual(state.update(.key(.character("q"))), [])
        XCTAssertEqual(state.prompt, .confirmQuit)
        XCTAssertEqual(state.update(.key(.character("k"))), [.exit(.keepTrainingHeadless)])
        _ = state.update(.key(.character("q")))
        XCTAssertEqual(state.update(.key(.character("s"))), [.send(.stopEarly), .exit(.stopTraining)])
    }

    func testQuitAfterTheRunEndedLeavesAtOnce() {
        var state = liveState(events: SampleRun.events(summary: true))
        XCTAssertEqual(state.update(.key(.character("q"))), [.exit(.quit)])
        XCTAssertEqual(state.update(.key(.character("h"))), [], "no steering after the end")
    }

    func testFollowModeIsReadOnly() {
        var state = DashboardState(mode: .follow(name: "f"), options: DashboardOptions())
        XCTAssertEqual(state.update(.key(.character("h"))), [])
        XCTAssertNotNil(state.notice)
        XCTAssertEqual(state.update(.key(.character("q"))), [.exit(.quit)])
    }

    func testPauseToggleFollowsTheTrainerState() {
        var state = liveState()
        XCTAssertEqual(state.update(.key(.character("p"))), [.send(.pause)])
        _ = state.update(.events([Event(step: 200, wallTime: 0, tag: Tag.state, value: .text("paused"))]))
        XCTAssertEqual(state.update(.key(.character("p"))), [.send(.resume)])
    }

    func testLayerSelectionAndViewKeys() {
        var state = liveState()
        _ = state.update(.key(.down))
        XCTAssertEqual(state.selectedLayerName, "fc2")
        _ = state.update(.key(.character("j")))
        XCTAssertEqual(state.selectedLayerName, "fc2", "selection stops at the last layer")
        _ = state.update(.key(.character("k")))
        XCTAssertEqual(state.selectedLayerName, "fc1")
        _ = state.update(.key(.character("g")))
        XCTAssertEqual(state.histogramKind, .gradients)
        _ = state.update(.key(.character("l")))
        XCTAssertTrue(state.logY)
        let before = state.history.smoothedLoss.values
        _ = state.update(.key(.character("]")))
        XCTAssertEqual(state.smoothing, 0.8)
        XCTAssertNotEqual(state.history.smoothedLoss.values, before)
        _ = state.update(.key(.character("?")))
        XCTAssertTrue(state.showHelp)
        _ = state.update(.key(.character("x")))
        XCTAssertFalse(state.showHelp)
    }

    func testSignalExitsImmediately() {
        var state = liveState()
        XCTAssertEqual(state.update(.key(.signal(2))), [.exit(.signal(2))])
    }
}

final class ForeignTagTests: XCTestCase {
    func testCommonForeignTagsFillTheContractCharts() {
        var state = DashboardState(mode: .follow(name: "pytorch"), options: DashboardOptions())
        _ = state.update(.events([
            Event(step: 1, wallTime: 1, tag: "Loss/train", value: .scalar(0.9)),
            Event(step: 1, wallTime: 1, tag: "Loss/test", value: .scalar(1.1)),
            Event(step: 1, wallTime: 1, tag: "Accuracy/test", value: .scalar(0.5)),
            Event(step: 1, wallTime: 1, tag: "learning_rate", value: .scalar(0.01)),
            Event(step: 1, wallTime: 1, tag: "something/else", value: .scalar(3)),
        ]))
        XCTAssertEqual(state.history.trainLoss.values, [0.9])
        XCTAssertEqual(state.history.valLoss.values, [1.1])
        XCTAssertEqual(state.history.valAccuracy.values, [0.5])
        XCTAssertEqual(state.history.learningRateNow, 0.01)
    }
}

final class WindowTests: XCTestCase {
    func testTimeWindowSkipsWindowsLongerThanTheRun() {
        var state = DashboardState(mode: .live(name: "w"), options: DashboardOptions())
        _ = state.update(.events(SampleRun.events(steps: 5000)))
        XCTAssertEqual(state.visibleSteps, 0...5000)
        _ = state.update(.key(.character("z")))
        XCTAssertEqual(state.visibleSteps, 4000...5000, "10k and 100k are longer than the run")
        _ = state.update(.key(.character("z")))
        XCTAssertEqual(state.visibleSteps, 4900...5000)
        _ = state.update(.key(.character("z")))
        XCTAssertEqual(state.visibleSteps, 0...5000)
    }

    func testAllStartsWhereALateStartingRunStarts() {
        var state = DashboardState(mode: .follow(name: "w"), options: DashboardOptions())
        _ = state.update(.events((5000...6000).map { Event(step: $0, wallTime: 0, tag: Tag.trainLoss, value: .scalar(1)) }))
        XCTAssertEqual(state.visibleSteps, 5000...6000)
    }
}
