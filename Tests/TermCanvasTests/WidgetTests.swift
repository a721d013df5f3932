import XCTest
@testable import TermCanvas

final class WidgetTests: XCTestCase {
    /// A rising line from (0, 0) to (10, 1) in ASCII: y ticks at 0, 0.5, 1; x labels on the bottom row.
    func testLineChartWithKnownPoints() {
        var buffer = CellBuffer(width: 24, height: 6)
        let samples = (0...10).map { ChartSample(x: Double($0), y: Double($0) / 10) }
        LineChart(series: [ChartSeries(samples: samples, style: .plain)], xRange: 0...10)
            .render(into: &buffer, in: buffer.bounds, glyphs: .ascii)
        XCTAssertEqual(buffer.lines, [
            "  1+                ..''",
            "   |            ..''",
            "0.5+       ...:'",
            "   |   ..:''",
            "  0+.:''",
            "    0                 10",
        ])
    }

    func testLogYPutsDecadesEvenlyApart() {
        var buffer = CellBuffer(width: 20, height: 7)
        let samples = [ChartSample(x: 0, y: 1), ChartSample(x: 1, y: 0.01), ChartSample(x: 2, y: -1)]
        LineChart(series: [ChartSeries(samples: samples, style: .plain)], xRange: 0...2, logY: true)
            .render(into: &buffer, in: buffer.bounds, glyphs: .ascii)
        let labels = buffer.lines.map { String($0.prefix(5)) }
        XCTAssertEqual(labels[0], "   1+")
        XCTAssertTrue(labels.contains("0.01+"), "\(buffer.lines)")
        XCTAssertTrue(labels.contains(" 0.1+"), "\(buffer.lines)")
    }

    func testVerticalMarkerIsLabelledAtTheTop() {
        var buffer = CellBuffer(width: 30, height: 6)
        let samples = (0...100).map { ChartSample(x: Double($0), y: 1) }
        let marker = ChartMarker(x: 50, label: "key×0.5", style: .plain)
        LineChart(series: [ChartSeries(samples: samples, style: .plain)], markers: [marker], xRange: 0...100)
            .render(into: &buffer, in: buffer.bounds, glyphs: .ascii)
        XCTAssertTrue(buffer.lines[0].contains("key×0.5"), "\(buffer.lines)")
        XCTAssertTrue(buffer.lines[2].contains(":") || buffer.lines[2].contains("'"), "marker rule missing: \(buffer.lines)")
    }

    func testChartWithNoDataSaysSo() {
        var buffer = CellBuffer(width: 30, height: 5)
        LineChart(series: [], xRange: 0...1).render(into: &buffer, in: buffer.bounds, glyphs: .braille)
        XCTAssertTrue(buffer.lines.joined().contains("no data yet"))
    }

    func testHistogramBarsScaleToTheTallest() {
        var buffer = CellBuffer(width: 4, height: 2)
        HistogramBars.render([1, 4, 0, 2], into: &buffer, in: buffer.bounds, style: .plain, glyphs: .braille)
        XCTAssertEqual(buffer.lines, [" █", "▄█ █"])
    }

    func testSparklineAndProgressBar() {
        XCTAssertEqual(String(String.UnicodeScalarView(Sparkline.glyphs([0, 1, 2, .nan, 7], width: 4, ascii: false))), "▁▂!█")
        var buffer = CellBuffer(width: 10, height: 1)
        ProgressBar.render(fraction: 0.55, into: &buffer, x: 0, y: 0, width: 10, filled: .plain, empty: .plain, glyphs: .ascii)
        XCTAssertEqual(buffer.lines, ["######----"])
    }

    func testTableScrollsToTheSelectedRow() {
        var buffer = CellBuffer(width: 12, height: 3)
        let rows: [[Table.Content]] = (1...5).map { [.text("l\($0)", .plain), .text("\($0 * 10)", .plain)] }
        Table(columns: [Table.Column("name", width: 5, alignment: .left), Table.Column("v", width: 4)], rows: rows, selectedRow: 3)
            .render(into: &buffer, in: buffer.bounds, glyphs: .ascii)
        XCTAssertEqual(buffer.lines, ["name     v", "l3      30", "l4      40"])
    }

    func testHeatStripShadesByDensity() {
        var buffer = CellBuffer(width: 2, height: 2)
        HeatStrip.render([[1, 0.2], [0, 0.6]], into: &buffer, in: buffer.bounds, low: .plain, high: .plain, glyphs: .ascii)
        XCTAssertEqual(buffer.lines, [".+", "#"])
    }
}

final class MarkerEdgeTests: XCTestCase {
    func testMarkerAtTheRightEdgeIsLabelledOnItsLeft() {
        var buffer = CellBuffer(width: 30, height: 6)
        let samples = (0...100).map { ChartSample(x: Double($0), y: 1) }
        LineChart(series: [ChartSeries(samples: samples, style: .plain)],
                  markers: [ChartMarker(x: 100, label: "rule×0.5", style: .plain)], xRange: 0...100)
            .render(into: &buffer, in: buffer.bounds, glyphs: .ascii)
        XCTAssertTrue(buffer.lines[0].hasSuffix("rule×0.5:"), "\(buffer.lines)")
    }
}

/// Short and narrow charts (an 80×24 screen's side charts) keep labels on both axes.
final class SmallChartLabelTests: XCTestCase {
    func testTwoPlotRowsStillGetTwoYLabels() {
        // 0.1 then 0.05: a 1-2-5 step for two ticks is wider than the data, leaving one label.
        var buffer = CellBuffer(width: 30, height: 3)
        let samples = (0...200).map { ChartSample(x: Double($0), y: $0 < 100 ? 0.1 : 0.05) }
        LineChart(series: [ChartSeries(samples: samples, style: .plain)], xRange: 0...200)
            .render(into: &buffer, in: buffer.bounds, glyphs: .ascii)
        let labelled = buffer.lines.prefix(2).filter { $0.range(of: #"^ *[0-9.]+\+"#, options: .regularExpression) != nil }
        XCTAssertEqual(labelled.count, 2, "\(buffer.lines)")
    }

    func testXLabelsAtBothEndsOnANarrowChart() {
        var buffer = CellBuffer(width: 30, height: 4)
        let samples = (0...53_280).filter { $0 % 100 == 0 }.map { ChartSample(x: Double($0), y: 1) }
        LineChart(series: [ChartSeries(samples: samples, style: .plain)], xRange: 0...53_280)
            .render(into: &buffer, in: buffer.bounds, glyphs: .ascii)
        let xLabels = buffer.lines[3].split(separator: " ")
        XCTAssertGreaterThanOrEqual(xLabels.count, 2, "\(buffer.lines)")
    }

    func testLogXPutsDecadesEvenlyApart() {
        var buffer = CellBuffer(width: 47, height: 5)
        let samples = (0...60).map { index -> ChartSample in
            let x = pow(10, -6 + Double(index) / 10)
            return ChartSample(x: x, y: Double(index))
        }
        LineChart(series: [ChartSeries(samples: samples, style: .plain)], xRange: 1e-6...1, logX: true)
            .render(into: &buffer, in: buffer.bounds, glyphs: .ascii)
        let axis = buffer.lines[4]
        let centres = ["1u", "100u", "0.01", "1"].compactMap { label -> Int? in
            guard let range = axis.range(of: label + (label == "1" ? "" : " ")) else { return nil }
            return range.lowerBound.utf16Offset(in: axis) + label.count / 2
        }
        XCTAssertEqual(centres.count, 4, axis)
        XCTAssertEqual(Double(centres[1] - centres[0]), Double(centres[2] - centres[1]), accuracy: 1.5, axis)
        // The straight line in log x: y = 10·(log10 x + 6) is a diagonal.
        XCTAssertTrue(buffer.lines[3].contains("."), "\(buffer.lines)")
    }

    func testOverlappingMarkerLabelsUseTheNextRow() {
        var buffer = CellBuffer(width: 40, height: 6)
        let samples = (0...100).map { ChartSample(x: Double($0), y: 1) }
        let markers = [ChartMarker(x: 40, label: "key×0.5", style: .plain), ChartMarker(x: 45, label: "rule×0.5", style: .plain)]
        LineChart(series: [ChartSeries(samples: samples, style: .plain)], markers: markers, xRange: 0...100)
            .render(into: &buffer, in: buffer.bounds, glyphs: .ascii)
        XCTAssertTrue(buffer.lines[0].contains("key×0.5"), "\(buffer.lines)")
        XCTAssertTrue(buffer.lines[1].contains("rule×0.5"), "\(buffer.lines)")
    }
}
