/// A horizontal bar filled to a fraction, in eighths of a cell (ASCII: `#` and `-`).
public enum ProgressBar {
    private static let eighths: [Unicode.Scalar] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// Draws `fraction` (clamped to 0…1) of `width` cells at (x, y).
    public static func render(fraction: Double, into buffer: inout CellBuffer, x: Int, y: Int, width: Int,
                              filled: CellStyle, empty: CellStyle, glyphs: GlyphMode) {
        guard width > 0 else { return }
        let clamped = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let totalEighths = Int((clamped * Double(width) * 8).rounded())
        for column in 0..<width {
            let cellEighths = min(8, max(0, totalEighths - column * 8))
            let glyph: Unicode.Scalar
            let style: CellStyle
            if glyphs == .ascii {
                glyph = cellEighths >= 4 ? "#" : "-"
                style = cellEighths >= 4 ? filled : empty
            } else if cellEighths == 8 {
                (glyph, style) = ("█", filled)
            } else if cellEighths > 0 {
                (glyph, style) = (eighths[cellEighths - 1], filled)
            } else {
                (glyph, style) = ("░", empty)
            }
            buffer[x + column, y] = Cell(glyph, style: style)
        }
    }
}
