/// A grid of dots, 2 across and 4 down per cell (braille's layout), drawn into a buffer as
/// braille, as quadrant blocks, or as ASCII when the terminal cannot show Unicode.
/// Dot (0, 0) is the top-left; y grows downwards.
public struct DotCanvas: Sendable {
    /// Size in cells.
    public let columns: Int
    public let rows: Int
    private var dots: [UInt8]
    private var styles: [CellStyle?]

    /// An empty canvas of `columns × rows` cells.
    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        dots = Array(repeating: 0, count: self.columns * self.rows)
        styles = Array(repeating: nil, count: self.columns * self.rows)
    }

    /// Dots across.
    public var dotWidth: Int { columns * 2 }
    /// Dots down.
    public var dotHeight: Int { rows * 4 }

    /// Braille bit of the dot at (column-in-cell, row-in-cell), per Unicode's braille block.
    private static let brailleBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets one dot; the cell takes `style` (the last series drawn wins a shared cell's colour).
    public mutating func set(x: Int, y: Int, style: CellStyle) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let index = (y >> 2) * columns + (x >> 1)
        dots[index] |= Self.brailleBits[x & 1][y & 3]
        styles[index] = style
    }

    /// Sets the dots of a vertical run from `y0` to `y1` (either order) in column `x`.
    public mutating func verticalLine(x: Int, y0: Int, y1: Int, style: CellStyle) {
        guard x >= 0, x < dotWidth else { return }
        let low = max(0, min(y0, y1))
        let high = min(dotHeight - 1, max(y0, y1))
        guard low <= high else { return }
        for y in low...high { set(x: x, y: y, style: style) }
    }

    /// Sets the dots of a straight line (Bresenham), clipped to the canvas first so a point
    /// far off the chart costs no more than one inside it.
    public mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int), style: CellStyle) {
        guard let (start, end) = clip(start, end) else { return }
        var (x, y) = start
        let dx = abs(end.x - x)
        let dy = -abs(end.y - y)
        let sx = x < end.x ? 1 : -1
        let sy = y < end.y ? 1 : -1
        var error = dx + dy
        // A line cannot need more steps than its longer side; guards against huge inputs.
        var budget = max(dx, -dy) + 1
        while budget > 0 {
            set(x: x, y: y, style: style)
            if x == end.x && y == end.y { break }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += sx }
            if doubled <= dx { error += dx; y += sy }
            budget -= 1
        }
    }

    /// Liang–Barsky: the part of the segment inside the canvas, nil when none is.
    private func clip(_ a: (x: Int, y: Int), _ b: (x: Int, y: Int)) -> ((x: Int, y: Int), (x: Int, y: Int))? {
        let inside = { (p: (x: Int, y: Int)) in p.x >= 0 && p.y >= 0 && p.x < dotWidth && p.y < dotHeight }
        if inside(a) && inside(b) { return (a, b) }
        let (x0, y0) = (Double(a.x), Double(a.y))
        let (dx, dy) = (Double(b.x - a.x), Double(b.y - a.y))
        var t0 = 0.0
        var t1 = 1.0
        for (p, q) in [(-dx, x0), (dx, Double(dotWidth - 1) - x0), (-dy, y0), (dy, Double(dotHeight - 1) - y0)] {
            if p == 0 {
                if q < 0 { return nil }
                continue
            }
            let r = q / p
            if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
            if t0 > t1 { return nil }
        }
        return ((Int(plotting: x0 + t0 * dx), Int(plotting: y0 + t0 * dy)),
                (Int(plotting: x0 + t1 * dx), Int(plotting: y0 + t1 * dy)))
    }

    /// Draws the canvas with its top-left cell at (x, y); empty cells are left untouched.
    public func draw(into buffer: inout CellBuffer, x originX: Int, y originY: Int, glyphs: GlyphMode) {
        for row in 0..<rows {
            for column in 0..<columns {
                let index = row * columns + column
                let bits = dots[index]
                guard bits != 0, let style = styles[index] else { continue }
                buffer[originX + column, originY + row] = Cell(Self.glyph(bits, glyphs), style: style)
            }
        }
    }

    private static let quadrants: [Unicode.Scalar] = [
        " ", "▘", "▝", "▀", "▖", "▌", "▞", "▛", "▗", "▚", "▐", "▜", "▄", "▙", "▟", "█",
    ]

    static func glyph(_ bits: UInt8, _ mode: GlyphMode) -> Unicode.Scalar {
        switch mode {
        case .braille:
            return Unicode.Scalar(0x2800 + UInt32(bits))!
        case .block:
            var mask = 0
            if bits & 0x03 != 0 { mask |= 1 }  // upper left: rows 0-1
            if bits & 0x18 != 0 { mask |= 2 }  // upper right
            if bits & 0x44 != 0 { mask |= 4 }  // lower left: rows 2-3
            if bits & 0xA0 != 0 { mask |= 8 }  // lower right
            return quadrants[mask]
        case .ascii:
            let upper = bits & 0x1B != 0
            let lower = bits & 0xE4 != 0
            return upper && lower ? ":" : upper ? "'" : "."
        }
    }
}
