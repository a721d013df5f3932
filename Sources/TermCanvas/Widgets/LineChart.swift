import Foundation

/// A chart of series against x (training steps) with 1-2-5 ticks, SI labels, an optional
/// log y axis and markers. It draws only the samples it is given, so its cost depends on
/// the chart's width, not on the length of the run.
public struct LineChart: Sendable {
    public var series: [ChartSeries]
    public var markers: [ChartMarker]
    /// The x range shown; samples outside are skipped.
    public var xRange: ClosedRange<Double>
    /// The y range; nil fits the data (widened to tick multiples).
    public var yRange: ClosedRange<Double>?
    /// Plots log10(y); non-positive values are skipped.
    public var logY: Bool
    /// Plots against log10(x) (an LR finder's rate axis); non-positive x are skipped.
    public var logX: Bool
    /// Axes and tick marks.
    public var axisStyle: CellStyle
    /// Tick labels.
    public var labelStyle: CellStyle

    /// Creates a chart.
    public init(series: [ChartSeries], markers: [ChartMarker] = [], xRange: ClosedRange<Double>,
                yRange: ClosedRange<Double>? = nil, logY: Bool = false, logX: Bool = false,
                axisStyle: CellStyle = .plain, labelStyle: CellStyle = .plain) {
        self.series = series
        self.markers = markers
        self.xRange = xRange
        self.yRange = yRange
        self.logY = logY
        self.logX = logX
        self.axisStyle = axisStyle
        self.labelStyle = labelStyle
    }

    /// Plot columns (in dots) for a chart of `width` cells: what callers should downsample to.
    public static func dotColumns(width: Int, labelWidth: Int = 6) -> Int { max(0, (width - labelWidth - 1) * 2) }

    /// Draws the chart into `rect`: y labels on the left, x labels on the bottom row.
    public func render(into buffer: inout CellBuffer, in rect: Rect, glyphs: GlyphMode) {
        let ascii = glyphs == .ascii
        guard rect.width >= 12, rect.height >= 3 else {
            buffer.write("(too small)", x: rect.x, y: rect.y, style: labelStyle, maxWidth: rect.width)
            return
        }
        let plotRows = rect.height - 1
        guard let range = fittedYRange() else {
            buffer.write("no data yet", x: rect.x + 1, y: rect.y + plotRows / 2, style: labelStyle, maxWidth: rect.width - 1)
            return
        }
        let ySpan = max(range.upperBound - range.lowerBound, 1e-300)
        func dotY(_ y: Double) -> Int? {
            guard let t = transform(y) else { return nil }
            let fraction = (t - range.lowerBound) / ySpan
            return Int(plotting: (1 - fraction) * Double(plotRows * 4 - 1))
        }
        func row(_ y: Double) -> Int? { dotY(y).map { min(plotRows - 1, max(0, $0 / 4)) } }
        let yTicks = self.yTicks(range, plotRows: plotRows, row: row)
        let labels = yTicks.map { SIFormat.format($0, ascii: ascii) }
        let labelWidth = min(8, max(3, labels.map(\.count).max() ?? 3))
        let plot = Rect(x: rect.x + labelWidth + 1, y: rect.y, width: rect.width - labelWidth - 1, height: plotRows)
        var canvas = DotCanvas(columns: plot.width, rows: plot.height)

        let xLow = transformX(xRange.lowerBound) ?? 0
        let xSpan = max((transformX(xRange.upperBound) ?? xLow) - xLow, 1e-12)
        func dotX(_ x: Double) -> Int? {
            guard let t = transformX(x) else { return nil }
            return Int(plotting: (t - xLow) / xSpan * Double(canvas.dotWidth - 1))
        }

        // Axis and y ticks.
        let axisX = rect.x + labelWidth
        for row in 0..<plotRows {
            buffer[axisX, rect.y + row] = Cell(ascii ? "|" : "│", style: axisStyle)
        }
        var usedRows = Set<Int>()
        for (value, label) in zip(yTicks, labels) {
            guard let row = row(value) else { continue }
            guard usedRows.insert(row).inserted else { continue }
            let padded = String(repeating: " ", count: max(0, labelWidth - label.count)) + label
            buffer.write(padded, x: rect.x, y: rect.y + row, style: labelStyle, maxWidth: labelWidth)
            buffer[axisX, rect.y + row] = Cell(ascii ? "+" : "┤", style: axisStyle)
        }

        // Vertical markers first, so curves draw over them.
        for marker in markers where xRange.contains(marker.x) {
            if case .vertical = marker.kind, let x = dotX(marker.x) {
                var y = 0
                while y < canvas.dotHeight {
                    canvas.set(x: x, y: y, style: marker.style)
                    y += 2
                }
            }
        }

        for series in series {
            var previous: (x: Int, y: Int)?
            for sample in series.samples where sample.x >= xRange.lowerBound && sample.x <= xRange.upperBound {
                guard let x = dotX(sample.x), let last = dotY(sample.last) else { previous = nil; continue }
                switch series.kind {
                case .points:
                    canvas.set(x: x, y: last, style: series.style)
                    canvas.set(x: x, y: last - 1, style: series.style)
                case .line:
                    if let low = dotY(sample.low), let high = dotY(sample.high), low != high {
                        canvas.verticalLine(x: x, y0: low, y1: high, style: series.style)
                    }
                    if let previous { canvas.line(from: previous, to: (x, last), style: series.style) }
                    canvas.set(x: x, y: last, style: series.style)
                    previous = (x, last)
                }
            }
        }
        canvas.draw(into: &buffer, x: plot.x, y: plot.y, glyphs: glyphs)

        // Marker labels and point markers over the curves. A label that would overlap the
        // previous one goes a row lower (two rows at most), so close changes keep both.
        var labelEnds = Array(repeating: plot.x, count: min(2, plotRows))
        for marker in markers.sorted(by: { $0.x < $1.x }) where xRange.contains(marker.x) {
            guard let dot = dotX(marker.x) else { continue }
            let column = plot.x + dot / 2
            switch marker.kind {
            case .vertical:
                // Right of the rule, or left of it at the plot's right edge; never over another label.
                let length = marker.label.count
                let start = column + 1 + length <= plot.maxX ? column + 1 : column - length
                guard length > 0, start >= plot.x, let row = labelEnds.firstIndex(where: { start >= $0 }) else { continue }
                let written = buffer.write(marker.label, x: start, y: plot.y + row, style: marker.style, maxWidth: plot.maxX - start)
                labelEnds[row] = start + written + 1
            case .point(let y):
                guard let dot = dotY(y) else { continue }
                let row = plot.y + min(plotRows - 1, max(0, dot / 4))
                buffer[column, row] = Cell(ascii ? "*" : "◆", style: marker.style)
                if !marker.label.isEmpty, column + 2 + marker.label.count <= plot.maxX {
                    buffer.write(marker.label, x: column + 1, y: row, style: marker.style)
                }
            }
        }

        // X axis labels on the bottom row.
        let xRow = rect.y + plotRows
        var nextFree = plot.x
        for tick in xTicks(plotWidth: plot.width) {
            guard let dot = dotX(tick) else { continue }
            let label = SIFormat.format(tick, ascii: ascii)
            let column = plot.x + dot / 2
            let start = min(plot.maxX - label.count, max(column - label.count / 2, plot.x))
            guard start >= nextFree else { continue }
            buffer.write(label, x: start, y: xRow, style: labelStyle)
            nextFree = start + label.count + 2
        }
    }

    /// Y ticks that land on at least two distinct rows whenever the plot has two: a short
    /// chart (80×24) asks for few ticks, and a 1-2-5 step wider than the data would leave a
    /// single label, so more are tried, and failing that the axis ends are labelled.
    private func yTicks(_ range: ClosedRange<Double>, plotRows: Int, row: (Double) -> Int?) -> [Double] {
        let wanted = min(2, plotRows)
        let base = max(2, plotRows / 2 + 1)
        var ticks: [Double] = []
        for count in base...(base + 4) {
            ticks = logY
                ? NiceScale.logTicks(lower: pow(10, range.lowerBound), upper: pow(10, range.upperBound), maxCount: count)
                : NiceScale.ticks(lower: range.lowerBound, upper: range.upperBound, maxCount: count)
            if Set(ticks.compactMap(row)).count >= wanted { return ticks }
        }
        let ends = logY ? [pow(10, range.lowerBound), pow(10, range.upperBound)] : [range.lowerBound, range.upperBound]
        return ends.filter(\.isFinite)
    }

    /// At least two x ticks (the same reasoning as `yTicks`): nice steps, else the range's ends.
    private func xTicks(plotWidth: Int) -> [Double] {
        let base = max(2, plotWidth / 10)
        for count in base...(base + 4) {
            let ticks = logX
                ? NiceScale.logTicks(lower: xRange.lowerBound, upper: xRange.upperBound, maxCount: count)
                : NiceScale.ticks(lower: xRange.lowerBound, upper: xRange.upperBound, maxCount: count)
            if ticks.count >= 2 { return ticks }
        }
        return [xRange.lowerBound, xRange.upperBound]
    }

    /// log10 for a log x axis, identity otherwise; nil for what cannot be plotted.
    private func transformX(_ x: Double) -> Double? {
        guard x.isFinite else { return nil }
        if logX { return x > 0 ? log10(x) : nil }
        return x
    }

    /// log10 for log charts, identity otherwise; nil for values that cannot be plotted.
    private func transform(_ y: Double) -> Double? {
        guard y.isFinite else { return nil }
        if logY { return y > 0 ? log10(y) : nil }
        return y
    }

    /// The y range in transformed units: given, or fitted to the visible samples with margins
    /// widened to nice ticks. Nil when there is nothing finite to show.
    func fittedYRange() -> ClosedRange<Double>? {
        if let yRange {
            guard let low = transform(yRange.lowerBound), let high = transform(yRange.upperBound), high > low else { return nil }
            return low...high
        }
        var low = Double.infinity
        var high = -Double.infinity
        for series in series {
            for sample in series.samples where sample.x >= xRange.lowerBound && sample.x <= xRange.upperBound {
                for value in [sample.low, sample.high, sample.last] {
                    guard let t = transform(value) else { continue }
                    low = min(low, t)
                    high = max(high, t)
                }
            }
        }
        guard low.isFinite, high.isFinite else { return nil }
        if high - low < 1e-12 {
            let pad = logY ? 0.5 : max(abs(low) * 0.1, 1e-6)
            return (low - pad)...(high + pad)
        }
        if logY { return floor(low * 10) / 10...ceil(high * 10) / 10 }
        return NiceScale.niceRange(lower: low, upper: high, maxCount: 5)
    }
}
