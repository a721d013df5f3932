/// Replacements for the non-ASCII glyphs tunetop's text uses, for terminals whose locale is
/// not UTF-8 (ncursesw would print them as garbage). Anything unlisted becomes `?`.
public enum ASCIIFallback {
    private static let table: [Unicode.Scalar: Unicode.Scalar] = [
        "×": "x", "·": "-", "‖": "|", "→": ">", "←": "<", "↑": "^", "↓": "v", "≈": "~", "…": "~",
        "µ": "u", "◆": "*", "—": "-", "–": "-", "▸": ">", "⚠": "!", "ℹ": "i", "■": "#", "½": "/",
        "÷": "/", "∇": "d", "Δ": "d", "─": "-", "│": "|", "┤": "+", "╭": "+", "╮": "+", "╰": "+", "╯": "+",
        "░": "-", "▒": ":", "▓": "+", "█": "#",
    ]

    /// The ASCII stand-in for `scalar` (itself when already ASCII).
    public static func glyph(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        scalar.isASCII ? scalar : table[scalar] ?? "?"
    }
}

extension CellBuffer {
    /// Replaces every non-ASCII glyph with its ASCII stand-in: the last step of a frame for
    /// a non-UTF-8 terminal, so no widget or label has to remember it.
    public mutating func convertToASCII() {
        for index in cells.indices where !cells[index].glyph.isASCII {
            cells[index].glyph = ASCIIFallback.glyph(cells[index].glyph)
        }
    }
}
