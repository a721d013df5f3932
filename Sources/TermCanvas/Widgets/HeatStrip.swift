/// A distribution over time: one column per snapshot, one row per value bin (high values at
/// the top), each cell shaded by its density. Five shades, each with its own colour between
/// the theme's low and high ends, so a terminal needs only five colour pairs for it.
public enum HeatStrip {
    private static let shades: [Unicode.Scalar] = [" ", "░", "▒", "▓", "█"]
    private static let asciiShades: [Unicode.Scalar] = [" ", ".", ":", "+", "#"]

    /// Draws `columns[c][r]` densities in 0…1 (row 0 is the lowest bin) inside `rect`.
    public static func render(_ columns: [[Double]], into buffer: inout CellBuffer, in rect: Rect,
                              low: CellStyle, high: CellStyle, glyphs: GlyphMode) {
        let palette = glyphs == .ascii ? asciiShades : shades
        let styles = (0..<5).map { level -> CellStyle in
            var style = high
            style.foreground = low.foreground.blended(with: high.foreground, fraction: Double(level) / 4)
            return style
        }
        for (c, column) in columns.prefix(rect.width).enumerated() {
            for (r, density) in column.prefix(rect.height).enumerated() {
                guard density.isFinite, density > 0 else { continue }
                let level = min(4, max(1, Int(plotting: (density * 4).rounded(.up))))
                buffer[rect.x + c, rect.maxY - 1 - r] = Cell(palette[level], style: styles[level])
            }
        }
    }
}
