/// A one-row trend: each value becomes one of eight bar heights, scaled between the
/// values' own min and max (ASCII uses `_.-~=+*#`). Non-finite values show as `!`.
public enum Sparkline {
    private static let bars: [Unicode.Scalar] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    private static let asciiBars: [Unicode.Scalar] = ["_", ".", "-", "~", "=", "+", "*", "#"]

    /// The glyphs for the last `width` values (right-aligned, older ones dropped).
    public static func glyphs(_ values: [Double], width: Int, ascii: Bool) -> [Unicode.Scalar] {
        guard width > 0 else { return [] }
        let shown = values.suffix(width)
        let finite = shown.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else {
            return shown.map { _ in "!" }
        }
        let palette = ascii ? asciiBars : bars
        let span = high - low
        return shown.map { value in
            guard value.isFinite else { return "!" }
            let level = span > 0 ? Int(plotting: (value - low) / span * 7) : 3
            return palette[min(7, max(0, level))]
        }
    }

    /// Draws the sparkline at (x, y).
    public static func render(_ values: [Double], into buffer: inout CellBuffer, x: Int, y: Int, width: Int,
                              style: CellStyle, glyphs mode: GlyphMode) {
        for (offset, glyph) in glyphs(values, width: width, ascii: mode == .ascii).enumerated() {
            buffer[x + offset, y] = Cell(glyph, style: style)
        }
    }
}
