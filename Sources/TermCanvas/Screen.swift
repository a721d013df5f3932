/// Which glyphs the terminal can show: braille needs a UTF-8 locale (and a font with the
/// braille block); blocks need UTF-8; ASCII always works.
public enum GlyphMode: String, Sendable, CaseIterable {
    case braille, block, ascii

    /// Braille under a UTF-8 locale, ASCII otherwise (a non-UTF-8 ncursesw cannot show blocks either).
    public static func detect(environment: [String: String]) -> GlyphMode {
        let locale = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LANG"] ?? ""
        let lower = locale.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8") ? .braille : .ascii
    }
}

/// Where frames go and keys come from. `CursesBackend` implements it on a real terminal;
/// tests implement it in memory. All calls happen on one thread.
public protocol Screen: AnyObject {
    /// The current size in cells; re-read after `Key.resize`.
    var size: Size { get }
    /// The glyphs the terminal can show.
    var glyphMode: GlyphMode { get }
    /// Shows a frame (the backend writes only what changed since the last one).
    func present(_ buffer: CellBuffer)
    /// Waits up to `timeoutMilliseconds` for input; nil when none came.
    func readKey(timeoutMilliseconds: Int) -> Key?
}

extension Screen {
    /// Braille unless a screen says otherwise.
    public var glyphMode: GlyphMode { .braille }
}
