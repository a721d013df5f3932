import TermCanvas

/// A panel's title row: `─ title ─── right text`; returns the rectangle below it.
enum Panel {
    static func title(_ title: String, detail: String = "", in rect: Rect, into buffer: inout CellBuffer,
                      theme: Theme, glyphs: GlyphMode) -> Rect {
        self.title([(title, detail)], in: rect, into: &buffer, theme: theme, glyphs: glyphs)
    }

    /// The first of `choices` (longest first) whose title and detail fit whole; the last is
    /// clipped if none does. Narrow screens get a shorter title instead of a cut one.
    static func title(_ choices: [(title: String, detail: String)], in rect: Rect, into buffer: inout CellBuffer,
                      theme: Theme, glyphs: GlyphMode) -> Rect {
        guard !rect.isEmpty, let fallback = choices.last else { return rect }
        let (title, detail) = choices.first { width($0.title, $0.detail) <= rect.width } ?? fallback
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

    /// Columns a title row needs to show everything with a rule at both ends.
    static func width(_ title: String, _ detail: String) -> Int {
        1 + title.count + 2 + (detail.isEmpty ? 0 : 1 + detail.count + 2) + 1
    }
}
