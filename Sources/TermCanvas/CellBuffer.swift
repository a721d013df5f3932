/// A grid of cells in memory: widgets draw into it and nothing else; the screen backend diffs
/// it against the previous frame; tests compare its `lines`. Writes outside the grid are
/// dropped, so a widget given a too-small rectangle clips instead of trapping.
public struct CellBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Row-major cells, `width * height` of them.
    public internal(set) var cells: [Cell]

    /// A buffer filled with `fill`.
    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// The buffer's size.
    public var size: Size { Size(width: width, height: height) }
    /// The whole buffer as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`; a blank cell outside the grid.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return .blank }
            return cells[y * width + x]
        }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Writes `text` from (x, y) rightwards, at most `maxWidth` columns (and never past the
    /// right edge). Returns the number of columns written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: CellStyle, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(maxWidth ?? Int.max, width - x)
        guard limit > 0 else { return 0 }
        var column = 0
        var base = y * width + x
        for scalar in text.unicodeScalars {
            if column >= limit { break }
            if x + column >= 0 {
                cells[base] = Cell(scalar.properties.generalCategory == .control ? " " : scalar, style: style)
            }
            column += 1
            base += 1
        }
        return column
    }

    /// Sets the style of every cell in `rect`, keeping glyphs (used for selection bars).
    public mutating func restyle(_ rect: Rect, with style: CellStyle) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) { cells[y * width + x].style = style }
        }
    }

    /// Fills `rect` with `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell) {
        guard rect.y < height, rect.x < width else { return }
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) { cells[y * width + x] = cell }
        }
    }

    /// The text of each row with trailing spaces removed: what snapshot tests compare.
    public var lines: [String] {
        (0..<height).map { row in
            var scalars = String.UnicodeScalarView()
            for x in 0..<width { scalars.append(cells[row * width + x].glyph) }
            var line = String(scalars)
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
