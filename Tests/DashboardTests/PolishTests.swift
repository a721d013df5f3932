import Foundation
import Telemetry
import TermCanvas
import XCTest
@testable import Dashboard

/// Rendering helpers shared by the reviewer-driven tests below.
private func render(_ state: DashboardState, _ width: Int, _ height: Int, glyphs: GlyphMode = .ascii) -> [String] {
    DashboardView.render(state, size: Size(width: width, height: height), glyphs: glyphs).lines
}

private func liveState(_ events: [Event] = SampleRun.events(), options: DashboardOptions = DashboardOptions()) -> DashboardState {
    var state = DashboardState(mode: .live(name: "digits-mlp"), options: options)
    _ = state.update(.events(events))
    return state
}

final class ThemeNoticeTests: XCTestCase {
    private let options = DashboardOptions(themes: [.dark, Theme.plain(named: "solarized")])

    func testCyclingThemesShowsTheNewThemesNameForAFewSeconds() {
        var state = liveState(options: options)
        _ = state.update(.tick(now: 100))
        _ = state.update(.key(.character("t")))
        XCTAssertEqual(state.theme.name, "solarized")
        XCTAssertTrue(render(state, 120, 40)[1].contains("theme solarized"), render(state, 120, 40)[1])
        XCTAssertTrue(render(state, 80, 24)[1].contains("theme solarized"), "the notice outranks the view settings at 80 columns")
        _ = state.update(.tick(now: 101))
        _ = state.update(.tick(now: 102.5))
        XCTAssertTrue(render(state, 120, 40)[1].contains("theme solarized"), "still there before 3 s")
        _ = state.update(.tick(now: 103.2))
        XCTAssertNil(state.notice)
        XCTAssertFalse(render(state, 120, 40)[1].contains("theme"))
        _ = state.update(.key(.character("t")))
        XCTAssertTrue(render(state, 120, 40)[1].contains("theme dark"))
    }
}

final class PausedETATests: XCTestCase {
    private func stateEvent(_ text: String, step: Int, wall: Double) -> Event {
        Event(step: step, wallTime: wall, tag: Tag.state, value: .text(text))
    }

    func testNoETAWhilePaused() {
        var state = liveState()
        XCTAssertTrue(render(state, 120, 40)[0].contains("ETA"), "running shows an ETA")
        _ = state.update(.events([stateEvent("paused", step: 200, wall: 1002)]))
        let header = render(state, 120, 40)[0]
        XCTAssertTrue(header.contains("paused"), header)
        XCTAssertFalse(header.contains("ETA"), header)
    }

    func testThePauseDoesNotSlowTheETAAfterResuming() {
        var state = liveState()  // 100 steps/s: 200 steps left of 400 → 2 s
        XCTAssertEqual(state.history.etaSeconds ?? 0, 2, accuracy: 0.1)
        _ = state.update(.events([stateEvent("paused", step: 200, wall: 1002)]))
        _ = state.update(.events([stateEvent("running", step: 200, wall: 1600)]))  // ten minutes later
        _ = state.update(.events((201...210).map {
            Event(step: $0, wallTime: 1600 + Double($0 - 200) * 0.01, tag: Tag.trainLoss, value: .scalar(0.1))
        }))
        XCTAssertEqual(state.history.etaSeconds ?? 0, 1.9, accuracy: 0.1, "the rate after resuming, not over the pause")
        XCTAssertTrue(render(state, 120, 40)[0].contains("ETA 2s"), render(state, 120, 40)[0])
    }
}

final class FooterTests: XCTestCase {
    private func footer(_ state: DashboardState, _ width: Int) -> String {
        render(state, width, 40).last ?? ""
    }

    func testLiveFooterShowsEveryKeyFamilyAt120Columns() {
        let line = footer(liveState(), 120)
        for needle in ["LR", "p pause", "c ckpt", "s stop", "b best", "j/k layer", "a/g/w hist", "l log", "[/] smooth",
                       "z window", "t theme", "? help", "q quit"] {
            XCTAssertTrue(line.contains(needle), "missing \(needle): \(line)")
        }
        XCTAssertLessThanOrEqual(line.count, 120)
    }

    func testFullLabelsWhereTheyFitAndHelpAndQuitAlways() {
        let wide = footer(liveState(), 160)
        XCTAssertTrue(wide.contains("h LR/2  H LRx2  d LR/5"), wide)
        XCTAssertTrue(wide.hasSuffix("? help  q quit"), wide)
        for width in [80, 100, 120, 160] {
            let line = footer(liveState(), width)
            XCTAssertTrue(line.hasSuffix("? help  q quit"), "at \(width): \(line)")
            XCTAssertLessThanOrEqual(line.count, width)
        }
        let narrow = footer(liveState(), 80)
        XCTAssertTrue(narrow.contains("h/H/d LR") && narrow.contains("p pause") && narrow.contains("s stop"), narrow)
    }

    func testEntriesAreDroppedWholeNeverCut() {
        for mode in [ModeSet.live, .replay, .follow, .compare] {
            for width in stride(from: 79, through: 170, by: 7) {
                let entries = FooterView.entries(for: mode, width: width)
                XCTAssertLessThanOrEqual(FooterView.lineWidth(entries), width)
                XCTAssertTrue(entries.contains { $0.action == .toggleHelp } && entries.contains { $0.action == .quit })
            }
        }
        let replay = FooterView.entries(for: .replay, width: 119).map(\.action)
        XCTAssertTrue(replay.contains(.cycleWindow) && replay.contains(.nextTheme), "\(replay)")
    }
}

final class InferredLearningRateChangeTests: XCTestCase {
    /// The tensorboardX fixture: `lr` 0.1 for steps 0…8, 0.05 from step 9, no `events/control`.
    private func fixtureEvents() throws -> [Event] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TelemetryTests/Fixtures/tensorboardx").path
        return try RunReader.read(path: path).events
    }

    func testAStepInTheLRScalarIsMarkedWhenNoCommandExplainsIt() throws {
        let state = DashboardState(mode: .replay(events: try fixtureEvents(), name: "tbx"), options: DashboardOptions())
        var replay = state
        _ = replay.update(.key(.end))
        let changes = replay.history.learningRateChanges
        XCTAssertEqual(changes.map(\.step), [6])
        XCTAssertEqual(changes.map(\.source), ["lr"])
        XCTAssertEqual(changes.first?.before ?? 0, 0.1, accuracy: 1e-6)
        XCTAssertEqual(changes.first?.after ?? 0, 0.05, accuracy: 1e-6)
        let text = render(replay, 120, 40).joined(separator: "\n")
        XCTAssertTrue(text.contains("lrx0.5"), text)
        XCTAssertTrue(text.contains("lr 0.1 > 0.05 (logged rate; no command recorded)"), text)
    }

    func testARecordedCommandIsNotMarkedTwice() {
        let state = liveState()  // a key halving at 100, then the lr scalar at its new value
        XCTAssertEqual(state.history.learningRateChanges.map(\.source), ["key"])
    }

    func testACommandLoggedAfterTheScalarStillExplainsIt() {
        let record = ControlRecord(action: "scale_lr", source: .rule, lrBefore: 0.1, lrAfter: 0.05)
        let control = Event(step: 5, wallTime: 0, tag: Tag.control, value: .text(RecordJSON.encode(record)))
        var events: [Event] = (0..<5).map { Event(step: $0, wallTime: 0, tag: Tag.learningRate, value: .scalar(0.1)) }
        events += (5..<8).map { Event(step: $0, wallTime: 0, tag: Tag.learningRate, value: .scalar(0.05)) }
        // The command after the first point at the new rate, and after the change was confirmed.
        for late in [events.count - 2, events.count] {
            var ordered = events
            ordered.insert(control, at: late)
            let state = liveState(ordered)
            XCTAssertEqual(state.history.learningRateChanges.map(\.source), ["rule"], "command at \(late)")
            XCTAssertFalse(state.history.log.contains { $0.kind == .learningRateChange })
        }
    }

    func testTheLastPointOfAFileDoesNotMakeAMarkerAlone() {
        var events: [Event] = (0..<5).map { Event(step: $0, wallTime: 0, tag: Tag.learningRate, value: .scalar(0.1)) }
        events.append(Event(step: 5, wallTime: 0, tag: Tag.learningRate, value: .scalar(0.05)))
        XCTAssertEqual(liveState(events).history.learningRateChanges, [], "one point at the new rate is not yet a step")
    }

    func testContinuousSchedulesAreNotMarkedAtEveryPoint() {
        // Warmup then cosine: the rate moves at every logged point.
        let events = (0..<500).map { step -> Event in
            let rate = step < 50 ? 0.1 * Double(step + 1) / 50 : 0.05 * (1 + cos(Double.pi * Double(step - 50) / 450))
            return Event(step: step, wallTime: 0, tag: Tag.learningRate, value: .scalar(rate))
        }
        XCTAssertEqual(liveState(events).history.learningRateChanges, [])
    }

    func testStepScheduleDropsAreMarked() {
        // StepLR without commands (our own `schedule: step` writes none).
        let events = (0..<300).map { Event(step: $0, wallTime: 0, tag: Tag.learningRate, value: .scalar(0.1 * pow(0.1, Double($0 / 100)))) }
        XCTAssertEqual(liveState(events).history.learningRateChanges.map(\.step), [100, 200])
    }
}

final class CompareLayoutTests: XCTestCase {
    static func compare() -> DashboardState {
        func ended(_ events: [Event], _ reason: EndReason) -> [Event] {
            let summary = RunSummary(endReason: reason, bestStep: 100, bestValLoss: 0.2)
            return events + [Event(step: events.last?.step ?? 0, wallTime: 2000, tag: Tag.summary, value: .text(RecordJSON.encode(summary)))]
        }
        var state = DashboardState(mode: .compare(a: ended(SampleRun.events(), .earlyStop), b: ended(SampleRun.events(steps: 150), .interrupted),
                                                  nameA: "baseline", nameB: "lr3e-3"),
                                   options: DashboardOptions())
        _ = state.update(.tick(now: 0))
        return state
    }

    func testEndReasonsAreWholeAndTheLRChartKeepsClearOfTheRunsTable() throws {
        for (width, height) in [(120, 40), (80, 24), (100, 30)] {
            let buffer = DashboardView.render(Self.compare(), size: Size(width: width, height: height), glyphs: .braille)
            let lines = buffer.lines
            let text = lines.joined(separator: "\n")
            XCTAssertTrue(text.contains("early_stop") && text.contains("interrupted"), "at \(width)×\(height):\n\(text)")
            XCTAssertFalse(text.contains("…"), "nothing cut at \(width)×\(height):\n\(text)")
            let titleRow = try XCTUnwrap(lines.firstIndex { $0.contains(" runs ") })
            let column = try XCTUnwrap(lines[titleRow].range(of: "─ runs")).lowerBound.utf16Offset(in: lines[titleRow])
            let scalars = Array(lines[titleRow].unicodeScalars)
            XCTAssertEqual(scalars[column - 1], " ", "a gap before the runs panel at \(width)×\(height)")
            for row in titleRow + 1..<titleRow + 4 {
                XCTAssertEqual(buffer[column - 1, row].glyph, " ", "the LR chart runs into the table at \(width)×\(height), row \(row):\n\(text)")
            }
        }
    }
}

final class SmallScreenTests: XCTestCase {
    private func state() -> DashboardState {
        var events = SampleRun.events()
        events += (1...200).filter { $0 % 50 == 0 }.map { Event(step: $0, wallTime: 1000, tag: Tag.trainAccuracy, value: .scalar(1)) }
        events.append(Event(step: 200, wallTime: 1002, tag: Tag.valAccuracy, value: .scalar(0.97)))
        return liveState(events)
    }

    func testPanelTitlesAreShortenedNotCutAt80x24() {
        let lines = render(state(), 80, 24)
        XCTAssertTrue(lines[2].contains(" acc - train 100% - val 97% -"), lines[2])
        XCTAssertTrue(lines[2].hasSuffix("-"), lines[2])
    }

    func testTheLRChartKeepsTwoYLabelsAt80x24() throws {
        let lines = render(state(), 80, 24)
        let top = try XCTUnwrap(lines.firstIndex { $0.contains(" learning rate ") || $0.contains(" LR ") })
        let xRow = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("- layers") }) - 1
        let labelled = lines[(top + 1)..<xRow].filter { line in
            line.dropFirst(48).range(of: #"^ *[0-9.]+[a-zu]?\+"#, options: .regularExpression) != nil
        }
        XCTAssertGreaterThanOrEqual(labelled.count, 2, lines[top...xRow].joined(separator: "\n"))
        let xLabels = lines[xRow].dropFirst(48)
        XCTAssertTrue(xLabels.contains("0") && xLabels.contains("200"), "x labels at both ends: \(lines[xRow])")
    }
}

final class LRRangeTestViewTests: XCTestCase {
    /// A sweep from 1e-6 to 1 over 60 points: the loss falls, bottoms out near 1e-2, then blows up.
    private func sweep(suggestion: Bool = true) -> [Event] {
        var events: [Event] = []
        for index in 0..<60 {
            let rate = 1e-6 * pow(1e6, Double(index) / 59)
            let x = log10(rate) + 2  // 0 at 1e-2
            let loss = 2.3 - 1.5 / (1 + exp(-2 * (x + 2))) + (x > 0 ? 4 * x * x : 0)
            events.append(Event(step: index, wallTime: 1, tag: Tag.lrFindRate, value: .scalar(rate)))
            events.append(Event(step: index, wallTime: 1, tag: Tag.lrFindLoss, value: .scalar(loss)))
            events.append(Event(step: index, wallTime: 1, tag: Tag.lrFindSmoothedLoss, value: .scalar(loss * 0.98)))
        }
        if suggestion {
            events.append(Event(step: 59, wallTime: 2, tag: Tag.lrFindSuggestion, value: .text("{\"min_over_10\":0.001,\"steepest\":0.0001}")))
        }
        return events
    }

    func testReplayingAnLRFinderPlotsLossAgainstLogLRWithTheSuggestion() throws {
        var state = DashboardState(mode: .replay(events: sweep(), name: "f"), options: DashboardOptions())
        _ = state.update(.key(.end))
        let lines = render(state, 120, 40)
        let text = lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("LR range test - loss - smoothed vs learning rate (log)"), text)
        XCTAssertTrue(text.contains("steepest 100u"), text)
        XCTAssertTrue(text.contains("min/10 1m"), "a second label goes on the next row rather than vanish:\n\(text)")
        XCTAssertTrue(text.contains("suggests steepest descent at 100u, min/10 1m"), text)
        let xAxis = try XCTUnwrap(lines.first { $0.contains(" 1u ") && $0.contains(" 100u ") && $0.contains(" 0.01 ") }, text)
        // Decades evenly apart: a log axis (label centres, as the chart places them).
        let centres = [" 1u ", " 100u ", " 0.01 "].map { label in
            xAxis.range(of: label)!.lowerBound.utf16Offset(in: xAxis) + label.count / 2
        }
        XCTAssertEqual(Double(centres[1] - centres[0]), Double(centres[2] - centres[1]), accuracy: 1.5, xAxis)
        XCTAssertFalse(lines[3...16].map { $0.prefix(70) }.joined().contains("no data yet"), text)
    }

    func testTheSweepShowsWhileItIsWrittenAndAt80x24() {
        let state = liveState(Array(sweep(suggestion: false).prefix(90)))
        let text = render(state, 80, 24).joined(separator: "\n")
        XCTAssertTrue(text.contains("LR range test"), text)
        XCTAssertFalse(text.components(separatedBy: "\n")[3...8].map { $0.prefix(46) }.joined().contains("no data yet"), text)
    }
}

private extension Theme {
    /// A second theme for cycling (no styles of its own).
    static func plain(named name: String) -> Theme {
        Theme(name: name, background: .terminalDefault, styles: [:])
    }
}
