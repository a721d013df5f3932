import Telemetry
import TermCanvas
import XCTest
@testable import Dashboard

final class ViewTests: XCTestCase {
    private func state(_ mode: DashboardMode = .live(name: "digits-mlp"), events: [Event] = SampleRun.events()) -> DashboardState {
        var state = DashboardState(mode: mode, options: DashboardOptions())
        _ = state.update(.events(events))
        return state
    }

    func testTooSmallScreenSaysCurrentAndNeededSize() {
        let buffer = DashboardView.render(state(), size: Size(width: 60, height: 20))
        let text = buffer.lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("terminal too small"))
        XCTAssertTrue(text.contains("60×20 — needs 80×24"), text)
        XCTAssertTrue(text.contains("q quits"))
    }

    func testAPendingQuestionStaysVisibleOnATooSmallScreen() {
        var s = state()
        _ = s.update(.key(.character("q")))
        let text = DashboardView.render(s, size: Size(width: 70, height: 20)).lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("keep training headless"), text)
    }

    func testEveryPanelAppearsAt80x24() {
        let lines = DashboardView.render(state(), size: Size(width: 80, height: 24), glyphs: .ascii).lines
        XCTAssertEqual(lines.count, 24)
        XCTAssertTrue(lines[0].hasPrefix(" tunetop digits-mlp  running  epoch 1  step 200/400"), lines[0])
        let text = lines.joined(separator: "\n")
        for needle in ["loss", "accuracy", "learning rate", "layers", "fc1", "fc2", "activations @200", "advice & events",
                       "key: scale_lr", "keyx0.5", "best", "? help", "q quit"] {
            XCTAssertTrue(text.contains(needle), "missing \(needle):\n\(text)")
        }
    }

    func testLayerTableRowsAt160x48() {
        let lines = DashboardView.render(state(), size: Size(width: 160, height: 48), glyphs: .ascii).lines
        let fc1 = lines.first { $0.contains("fc1 ") && $0.contains("%") }
        let fc2 = lines.first { $0.contains("fc2 ") && $0.contains("%") }
        XCTAssertNotNil(fc1, lines.joined(separator: "\n"))
        XCTAssertNotNil(fc2)
        XCTAssertTrue(fc1?.contains("> fc1") ?? false, "the selected row is marked: \(fc1 ?? "")")
        XCTAssertTrue(fc1?.contains("1e-3") ?? false, fc1 ?? "")
        XCTAssertTrue(fc1?.contains("25%") ?? false, fc1 ?? "")
        XCTAssertTrue(fc2?.contains("5e-2") ?? false, fc2 ?? "")
    }

    func testUpdateRatioBand() {
        XCTAssertEqual(LayerTableView.ratioBand(1e-3), .good)
        XCTAssertEqual(LayerTableView.ratioBand(5e-3), .fair)
        XCTAssertEqual(LayerTableView.ratioBand(2e-2), .warn)
        XCTAssertEqual(LayerTableView.ratioBand(5e-5), .warn)
        XCTAssertEqual(LayerTableView.ratioBand(.nan), .bad)
    }

    func testHelpOverlayListsTheKeyTable() {
        var s = state()
        _ = s.update(.key(.character("?")))
        let text = DashboardView.render(s, size: Size(width: 100, height: 40)).lines.joined(separator: "\n")
        for binding in KeyTable.bindings(in: .live) {
            XCTAssertTrue(text.contains(binding.help), "help lacks \(binding.help)")
        }
    }

    func testStopPromptIsDrawn() {
        var s = state()
        _ = s.update(.key(.character("s")))
        let text = DashboardView.render(s, size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("Stop training now"))
    }

    func testHistogramRebinningKeepsTheTotal() {
        let histogram = Histogram(min: -1, max: 1, count: 100, sum: 0, sumSquares: 30,
                                  bucketLimits: [-0.5, 0, 0.5, 1], bucketCounts: [10, 40, 40, 10])
        let bins = HistogramBinning.rebin(histogram, range: -1...1, bins: 4)
        XCTAssertEqual(bins, [10, 40, 40, 10])
        XCTAssertEqual(HistogramBinning.rebin(histogram, range: -1...1, bins: 7).reduce(0, +), 100, accuracy: 1e-9)
        let withNaN = Histogram(min: -1, max: 1, count: 103, sum: .nan, sumSquares: .nan,
                                bucketLimits: [0, 1], bucketCounts: [50, 50])
        XCTAssertEqual(HistogramBinning.nonFinite(withNaN).nan, 3)
    }

    func testCompareDrawsBothRuns() {
        let s = DashboardState(mode: .compare(a: SampleRun.events(), b: SampleRun.events(steps: 150), nameA: "alpha", nameB: "beta"),
                               options: DashboardOptions())
        let text = DashboardView.render(s, size: Size(width: 120, height: 40)).lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("alpha vs beta"))
        XCTAssertTrue(text.contains("val loss"))
    }
}

final class ASCIIViewTests: XCTestCase {
    func testNonUTF8TerminalsGetOnlyASCII() {
        var state = DashboardState(mode: .live(name: "r"), options: DashboardOptions())
        _ = state.update(.events(SampleRun.events()))
        for size in [Size(width: 80, height: 24), Size(width: 160, height: 48), Size(width: 40, height: 10)] {
            let text = DashboardView.render(state, size: size, glyphs: .ascii).lines.joined()
            XCTAssertTrue(text.unicodeScalars.allSatisfy(\.isASCII), "non-ASCII at \(size)")
        }
    }
}
