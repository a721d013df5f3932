import TermCanvas

/// A panel's title row: `─ title ─── right text`; returns the rectangle below it.
enum Panel {
    static func title(_ title: String, detail: String = "", in rect: Rect, into buffer: inout CellBuffer,
                      theme: Theme, glyphs: GlyphMode) -> Rect {
        guard !rect.isEmpty else { return rect }
        let rule: Unicode.Scalar = glyphs == .ascii ? "-" : "─"
        let border = theme.style(.border)
        for x in rect.x..<rect.maxX { buffer[x, rect.y] = Cell(rule, style: border) }
        var x = rect.x + 1
        x += buffer.write(" \(title) ", x: x, y: rect.y, style: theme.style(.title), maxWidth: rect.maxX - x)
        if !detail.isEmpty {
            x += 1
            buffer.write(" \(detail) ", x: x, y: rect.y, style: theme.style(.muted), maxWidth: rect.maxX - x - 1)
        }
        return rect.splitTop(1).rest
    }
}
