/// A table with a header row, fixed column widths and one optional selected row.
public struct Table: Sendable {
    /// Left for names, right for numbers.
    public enum Alignment: Sendable { case left, right }

    /// What a cell holds: styled text or a sparkline of values.
    public enum Content: Sendable {
        case text(String, CellStyle)
        case sparkline([Double], CellStyle)
    }

    /// A column's title, width in cells and alignment.
    public struct Column: Sendable {
        public var title: String
        public var width: Int
        public var alignment: Alignment
        public init(_ title: String, width: Int, alignment: Alignment = .right) {
            self.title = title
            self.width = width
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public var rows: [[Content]]
    public var selectedRow: Int?
    public var headerStyle: CellStyle
    public var selectionStyle: CellStyle

    /// Creates a table.
    public init(columns: [Column], rows: [[Content]], selectedRow: Int? = nil,
                headerStyle: CellStyle = .plain, selectionStyle: CellStyle = .plain) {
        self.columns = columns
        self.rows = rows
        self.selectedRow = selectedRow
        self.headerStyle = headerStyle
        self.selectionStyle = selectionStyle
    }

    /// Draws the header and as many rows as fit, scrolled so the selected row is visible.
    /// Columns are separated by one space.
    public func render(into buffer: inout CellBuffer, in rect: Rect, glyphs: GlyphMode) {
        guard !rect.isEmpty else { return }
        var x = rect.x
        for column in columns {
            write(column.title, column, x: x, y: rect.y, style: headerStyle, into: &buffer, limit: rect.maxX)
            x += column.width + 1
        }
        let visible = rect.height - 1
        guard visible > 0 else { return }
        let first = max(0, min(rows.count - visible, (selectedRow ?? 0) - visible + 1))
        for (offset, row) in rows.dropFirst(first).prefix(visible).enumerated() {
            let y = rect.y + 1 + offset
            let selected = first + offset == selectedRow
            if selected { buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), with: Cell(" ", style: selectionStyle)) }
            var x = rect.x
            for (column, content) in zip(columns, row) {
                switch content {
                case .text(let text, let style):
                    write(text, column, x: x, y: y, style: selected ? selectionStyle : style, into: &buffer, limit: rect.maxX)
                case .sparkline(let values, var style):
                    if selected { style.background = selectionStyle.background }
                    Sparkline.render(values, into: &buffer, x: x, y: y, width: min(column.width, rect.maxX - x),
                                     style: style, glyphs: glyphs)
                }
                x += column.width + 1
            }
        }
    }

    private func write(_ text: String, _ column: Column, x: Int, y: Int, style: CellStyle,
                       into buffer: inout CellBuffer, limit: Int) {
        let width = min(column.width, limit - x)
        guard width > 0 else { return }
        var shown = text
        if shown.count > width { shown = String(shown.prefix(max(0, width - 1))) + "…" }
        let pad = column.alignment == .right ? width - shown.count : 0
        buffer.write(shown, x: x + pad, y: y, style: style, maxWidth: width - pad)
    }
}
