/// A histogram drawn as vertical bars, one per column, in eighths of a cell; the tallest
/// bar fills the height. Callers re-bin their buckets to the width first.
public enum HistogramBars {
    private static let eighths: [Unicode.Scalar] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Draws `counts` (one per column) bottom-up inside `rect`.
    public static func render(_ counts: [Double], into buffer: inout CellBuffer, in rect: Rect,
                              style: CellStyle, glyphs: GlyphMode) {
        guard !rect.isEmpty, let peak = counts.filter(\.isFinite).max(), peak > 0 else { return }
        for (column, count) in counts.prefix(rect.width).enumerated() where count.isFinite && count > 0 {
            // At least one eighth, so a non-empty bucket never disappears.
            let total = max(1, Int((count / peak * Double(rect.height * 8)).rounded()))
            for row in 0..<rect.height {
                let level = min(8, total - row * 8)
                guard level > 0 else { break }
                let glyph: Unicode.Scalar = glyphs == .ascii ? (level >= 4 ? "#" : ".") : eighths[level - 1]
                buffer[rect.x + column, rect.maxY - 1 - row] = Cell(glyph, style: style)
            }
        }
    }
}
