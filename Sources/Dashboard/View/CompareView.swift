import Telemetry
import TermCanvas

/// Two runs overlaid: train loss (smoothed), val loss, val accuracy and learning rate, each
/// with run A and run B in their own colours, plus a summary table.
enum CompareView {
    static func render(_ state: DashboardState, layout: DashboardLayout, into buffer: inout CellBuffer, glyphs: GlyphMode) {
        guard let other = state.other else { return }
        let theme = state.theme
        let a = state.history
        let steps = state.visibleSteps
        let styleA = theme.style(.compareA)
        let styleB = theme.style(.compareB)
        let ascii = glyphs == .ascii

        func chart(_ titles: [String], _ rect: Rect, _ series: (RunHistory) -> SeriesPyramid, kind: ChartSeries.Kind = .line, logY: Bool = false) {
            let detail = "\(state.name) vs \(state.otherName ?? "B")"
            let choices = titles.map { ($0, detail) } + titles.map { ($0, "") }
            let area = Panel.title(choices, in: rect, into: &buffer, theme: theme, glyphs: glyphs)
            LineChart(series: [
                ChartSeries(samples: ChartData.samples(series(a), steps: steps, width: area.width), style: styleA, kind: kind),
                ChartSeries(samples: ChartData.samples(series(other), steps: steps, width: area.width), style: styleB, kind: kind),
            ], xRange: ChartData.xRange(steps), logY: logY, axisStyle: theme.style(.border), labelStyle: theme.style(.muted))
                .render(into: &buffer, in: area, glyphs: glyphs)
        }
        chart(["train loss (smoothed \(state.smoothing))", "train loss"], layout.loss, { $0.smoothedLoss }, logY: state.logY)
        chart(["val loss"], layout.accuracy, { $0.valLoss }, logY: state.logY)
        chart(["val accuracy", "val acc"], layout.learningRate, { $0.valAccuracy })
        // The LR chart sits where the layer table goes: keep a column free before the runs
        // table, as the loss chart does before the side charts.
        var learningRateRect = layout.table
        learningRateRect.width -= 1
        chart(["learning rate", "LR"], learningRateRect, { $0.learningRate })

        let area = Panel.title("runs", in: layout.histogram, into: &buffer, theme: theme, glyphs: glyphs)
        let runs = [(state.name, a, styleA), (state.otherName ?? "B", other, styleB)]
        let values = runs.map { cells($0.1, ascii: ascii) }
        let (columns, shown) = runsColumns(names: runs.map(\.0), values: values, width: area.width)
        Table(columns: columns, rows: zip(runs, values).map { run, cells in
            [.text(run.0, run.2)] + shown.map { .text(cells[$0], theme.style(.text)) }
        }, headerStyle: theme.style(.muted))
            .render(into: &buffer, in: area, glyphs: glyphs)

        let logArea = Panel.title("events", in: layout.log, into: &buffer, theme: theme, glyphs: glyphs)
        let merged = (a.log.map { ("A", $0) } + other.log.map { ("B", $0) }).sorted { $0.1.step < $1.1.step }.suffix(logArea.height)
        for (offset, (tag, entry)) in merged.enumerated() {
            buffer.write("\(tag) \(entry.step)  \(entry.text)", x: logArea.x + 1, y: logArea.y + offset,
                         style: tag == "A" ? styleA : styleB, maxWidth: logArea.width - 1)
        }
    }

    /// What the runs table says about a run, in `runsColumns` order.
    private static func cells(_ run: RunHistory, ascii: Bool) -> [String] {
        [
            run.summary?.endReason.rawValue ?? "—",
            String(run.lastStep),
            run.bestVal.map { SIFormat.format($0.value, ascii: ascii) } ?? "—",
            run.valAccuracy.lastValue.map(Format.percent) ?? "—",
        ]
    }

    static let runsTitles = ["end", "steps", "best", "acc"]

    /// Columns as wide as their content (`values`: each run's `cells`; end reasons are never
    /// cut) and which of `runsTitles` they are; the name gets the rest. When even a short name would not fit, `steps` goes,
    /// then `acc`.
    static func runsColumns(names: [String], values: [[String]], width: Int) -> ([Table.Column], [Int]) {
        let widths = runsTitles.indices.map { column in
            max(runsTitles[column].count, values.map { $0[column].count }.max() ?? 0)
        }
        let longestName = max(3, names.map(\.count).max() ?? 3)
        var shown = Array(runsTitles.indices)
        func nameWidth() -> Int { width - shown.reduce(0) { $0 + widths[$1] + 1 } }
        for dropped in [1, 3] where nameWidth() < min(longestName, 6) {
            shown.removeAll { $0 == dropped }
        }
        let columns = [Table.Column("run", width: max(3, nameWidth()), alignment: .left)] + shown.map {
            Table.Column(runsTitles[$0], width: widths[$0], alignment: $0 == 0 ? .left : .right)
        }
        return (columns, shown)
    }
}
