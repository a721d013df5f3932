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
