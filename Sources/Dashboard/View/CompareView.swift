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

        func chart(_ title: String, _ rect: Rect, _ series: (RunHistory) -> SeriesPyramid, kind: ChartSeries.Kind = .line, logY: Bool = false) {
            let detail = "\(state.name) vs \(state.otherName ?? "B")"
            let area = Panel.title(title, detail: detail, in: rect, into: &buffer, theme: theme, glyphs: glyphs)
            LineChart(series: [
                ChartSeries(samples: ChartData.samples(series(a), steps: steps, width: area.width), style: styleA, kind: kind),
                ChartSeries(samples: ChartData.samples(series(other), steps: steps, width: area.width), style: styleB, kind: kind),
            ], xRange: ChartData.xRange(steps), logY: logY, axisStyle: theme.style(.border), labelStyle: theme.style(.muted))
                .render(into: &buffer, in: area, glyphs: glyphs)
        }
        chart("train loss (smoothed \(state.smoothing))", layout.loss, { $0.smoothedLoss }, logY: state.logY)
        chart("val loss", layout.accuracy, { $0.valLoss }, logY: state.logY)
        chart("val accuracy", layout.learningRate, { $0.valAccuracy })
        chart("learning rate", layout.table, { $0.learningRate })

        let area = Panel.title("runs", in: layout.histogram, into: &buffer, theme: theme, glyphs: glyphs)
        func row(_ name: String, _ run: RunHistory, _ style: CellStyle) -> [Table.Content] {
            [
                .text(name, style),
                .text(run.summary?.endReason.rawValue ?? "—", theme.style(.text)),
                .text(String(run.lastStep), theme.style(.text)),
                .text(run.bestVal.map { SIFormat.format($0.value, ascii: ascii) } ?? "—", theme.style(.text)),
                .text(run.valAccuracy.lastValue.map(Format.percent) ?? "—", theme.style(.text)),
            ]
        }
        let nameWidth = max(4, area.width - 8 - 7 - 6 - 5 - 4)
        Table(columns: [
            Table.Column("run", width: nameWidth, alignment: .left), Table.Column("end", width: 8, alignment: .left),
            Table.Column("steps", width: 7), Table.Column("best", width: 6), Table.Column("acc", width: 5),
        ], rows: [row(state.name, a, styleA), row(state.otherName ?? "B", other, styleB)], headerStyle: theme.style(.muted))
            .render(into: &buffer, in: area, glyphs: glyphs)

        let logArea = Panel.title("events", in: layout.log, into: &buffer, theme: theme, glyphs: glyphs)
        let merged = (a.log.map { ("A", $0) } + other.log.map { ("B", $0) }).sorted { $0.1.step < $1.1.step }.suffix(logArea.height)
        for (offset, (tag, entry)) in merged.enumerated() {
            buffer.write("\(tag) \(entry.step)  \(entry.text)", x: logArea.x + 1, y: logArea.y + offset,
                         style: tag == "A" ? styleA : styleB, maxWidth: logArea.width - 1)
        }
    }
}
