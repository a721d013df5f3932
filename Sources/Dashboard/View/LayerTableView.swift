import Telemetry
import TermCanvas

/// Per-layer health: norms, the update ratio against the 1e-3 band, dead and saturated
/// units, each with a sparkline when there is room.
enum LayerTableView {
    static func render(_ state: DashboardState, in rect: Rect, into buffer: inout CellBuffer, glyphs: GlyphMode) {
        let theme = state.theme
        let history = state.history
        let area = Panel.title([("layers", "‖ΔW‖/‖W‖ good ≈ 1e-3"), ("layers", "")], in: rect, into: &buffer,
                               theme: theme, glyphs: glyphs)
        guard !history.layerNames.isEmpty else {
            buffer.write(" no layer statistics yet", x: area.x, y: area.y, style: theme.style(.muted), maxWidth: area.width)
            return
        }
        // Two columns for the selection mark, which shows even where colours cannot.
        let nameWidth = min(18, max(7, 2 + (history.layerNames.map(\.count).max() ?? 5)))
        let fixed = nameWidth + 6 + 6 + 7 + 5 + 5 + 5  // names, numbers and separators
        let spark = min(16, max(0, (area.width - fixed - 3) / 3))
        // Wide screens also get trends for dead and saturated units, from what is left over.
        let spareForFractions = area.width - fixed - (spark > 0 ? 3 * (spark + 1) : 0)
        let fractionSpark = spark >= 8 ? min(spark, spareForFractions / 2 - 1) : 0
        var columns = [Table.Column("  layer", width: nameWidth, alignment: .left), Table.Column("‖W‖", width: 6)]
        if spark > 0 { columns.append(Table.Column("", width: spark, alignment: .left)) }
        columns.append(Table.Column("‖∇W‖", width: 6))
        if spark > 0 { columns.append(Table.Column("", width: spark, alignment: .left)) }
        columns.append(Table.Column("ratio", width: 7))
        if spark > 0 { columns.append(Table.Column("", width: spark, alignment: .left)) }
        columns.append(Table.Column("dead", width: 5))
        if fractionSpark > 1 { columns.append(Table.Column("", width: fractionSpark, alignment: .left)) }
        columns.append(Table.Column("sat", width: 5))
        if fractionSpark > 1 { columns.append(Table.Column("", width: fractionSpark, alignment: .left)) }

        let ascii = glyphs == .ascii
        let rows: [[Table.Content]] = history.layerNames.enumerated().map { index, name in
            let layer = history.layers[name] ?? LayerHistory()
            func values(_ stat: LayerStat) -> [Double] { layer.scalars[stat.rawValue] ?? [] }
            func number(_ stat: LayerStat) -> Table.Content {
                guard let value = layer.latest(stat) else { return .text("–", theme.style(.muted)) }
                return .text(SIFormat.format(value, ascii: ascii), value.isFinite ? theme.style(.text) : theme.style(.bad))
            }
            func fraction(_ stat: LayerStat) -> Table.Content {
                guard let value = layer.latest(stat) else { return .text("–", theme.style(.muted)) }
                let style = !value.isFinite ? theme.style(.bad) : value >= 0.5 ? theme.style(.warn) : theme.style(.text)
                return .text(Format.percent(value), style)
            }
            let mark = index == state.selectedLayer ? (glyphs == .ascii ? "> " : "▶ ") : "  "
            var row: [Table.Content] = [.text(mark + name, theme.style(.text)), number(.weightNorm)]
            if spark > 0 { row.append(.sparkline(values(.weightNorm), theme.style(.muted))) }
            row.append(number(.gradNorm))
            if spark > 0 { row.append(.sparkline(values(.gradNorm), theme.style(.muted))) }
            if let ratio = layer.latest(.updateRatio) {
                row.append(.text(Format.scientific(ratio), ratioStyle(ratio, theme)))
            } else {
                row.append(.text("–", theme.style(.muted)))
            }
            if spark > 0 {
                row.append(.sparkline(values(.updateRatio), layer.latest(.updateRatio).map { ratioStyle($0, theme) } ?? theme.style(.muted)))
            }
            row.append(fraction(.deadFraction))
            if fractionSpark > 1 { row.append(.sparkline(values(.deadFraction), theme.style(.muted))) }
            row.append(fraction(.saturatedFraction))
            if fractionSpark > 1 { row.append(.sparkline(values(.saturatedFraction), theme.style(.muted))) }
            return row
        }
        Table(columns: columns, rows: rows, selectedRow: state.selectedLayer,
              headerStyle: theme.style(.muted), selectionStyle: theme.style(.selection))
            .render(into: &buffer, in: area, glyphs: glyphs)
    }

    /// Update ratio band: ~1e-3 is healthy; beyond 1e-2 or below 1e-4 is worth a warning.
    static func ratioBand(_ ratio: Double) -> RatioBand {
        guard ratio.isFinite else { return .bad }
        if ratio > 1e-2 || ratio < 1e-4 { return .warn }
        if ratio >= 3e-4 && ratio <= 3e-3 { return .good }
        return .fair
    }

    enum RatioBand { case good, fair, warn, bad }

    private static func ratioStyle(_ ratio: Double, _ theme: Theme) -> CellStyle {
        switch ratioBand(ratio) {
        case .good: return theme.style(.good)
        case .fair: return theme.style(.text)
        case .warn: return theme.style(.warn)
        case .bad: return theme.style(.bad)
        }
    }
}
