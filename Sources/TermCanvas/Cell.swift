/// Text attributes a cell can carry; they survive `NO_COLOR`, so themes lean on them for meaning.
public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let reverse = TextAttributes(rawValue: 1 << 2)
    public static let underline = TextAttributes(rawValue: 1 << 3)
    public static let italic = TextAttributes(rawValue: 1 << 4)
}

/// How a cell looks: colours plus attributes.
public struct CellStyle: Sendable, Hashable {
    public var foreground: TermColor
    public var background: TermColor
    public var attributes: TextAttributes

    /// Creates a style.
    public init(foreground: TermColor = .terminalDefault, background: TermColor = .terminalDefault,
                attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's plain text.
    public static let plain = CellStyle()

    /// This style with extra attributes.
    public func adding(_ extra: TextAttributes) -> CellStyle {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }

    /// This style on another background.
    public func on(_ background: TermColor) -> CellStyle {
        var copy = self
        copy.background = background
        return copy
    }
}

/// One character cell of the screen. A glyph is a single Unicode scalar: every glyph tunetop
/// draws (braille, blocks, box lines, ASCII) is one scalar one column wide.
public struct Cell: Sendable, Hashable {
    public var glyph: Unicode.Scalar
    public var style: CellStyle

    /// Creates a cell.
    public init(_ glyph: Unicode.Scalar = " ", style: CellStyle = .plain) {
        self.glyph = glyph
        self.style = style
    }

    /// A space in the terminal's default colours.
    public static let blank = Cell()
}
