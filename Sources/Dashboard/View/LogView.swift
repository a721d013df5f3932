import Telemetry
import TermCanvas

/// The advice and event log: newest at the bottom, each line with its step.
enum LogView {
    static func render(_ state: DashboardState, in rect: Rect, into buffer: inout CellBuffer, glyphs: GlyphMode) {
        let theme = state.theme
        let area = Panel.title("advice & events", in: rect, into: &buffer, theme: theme, glyphs: glyphs)
        let entries = state.history.log.suffix(area.height)
        if entries.isEmpty {
            buffer.write(" nothing yet: commands, schedule changes and the doctor's advice appear here",
                         x: area.x, y: area.y, style: theme.style(.muted), maxWidth: area.width)
            return
        }
        for (row, entry) in entries.enumerated() {
            let y = area.y + row
            var x = area.x
            let stepText = String(entry.step)
            let pad = String(repeating: " ", count: max(0, 8 - stepText.count))
            x += buffer.write("\(pad)\(stepText)  ", x: x, y: y, style: theme.style(.muted), maxWidth: area.maxX - x)
            let (icon, style) = decoration(entry.kind, theme, ascii: glyphs == .ascii)
            x += buffer.write(icon + " ", x: x, y: y, style: style, maxWidth: area.maxX - x)
            buffer.write(entry.text, x: x, y: y, style: entry.kind == .note ? theme.style(.muted) : style,
                         maxWidth: area.maxX - x)
        }
    }

    private static func decoration(_ kind: LogEntry.Kind, _ theme: Theme, ascii: Bool) -> (String, CellStyle) {
        switch kind {
        case .control, .learningRateChange: return (ascii ? ">" : "▸", theme.style(.marker))
        case .advice(.critical): return ("!", theme.style(.bad))
        case .advice(.warning): return (ascii ? "!" : "⚠", theme.style(.warn))
        case .advice: return (ascii ? "i" : "ℹ", theme.style(.text))
        case .summary: return (ascii ? "#" : "■", theme.style(.accent))
        case .note: return (" ", theme.style(.muted))
        }
    }
}
