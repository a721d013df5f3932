import Foundation
import TermCanvas

/// How to start the terminal screen. Defaults detect everything from the terminal and
/// the environment.
public struct CursesOptions: Sendable {
    /// Forces a colour depth; nil detects it from terminfo and `NO_COLOR`.
    public var colorDepth: ColorDepth?
    /// Forces a glyph set; nil uses braille under a UTF-8 locale and ASCII otherwise.
    public var glyphMode: GlyphMode?
    /// How long ncurses waits after ESC for the rest of an escape sequence.
    public var escapeDelayMilliseconds: Int
    /// The environment consulted for `NO_COLOR`, `TERM` and `COLORTERM`.
    public var environment: [String: String]
    /// Whether `COLORTERM=truecolor` may switch an `xterm*` terminal to the `xterm-direct`
    /// terminfo entry (when installed), since ncurses emits 24-bit colour only through an
    /// entry that describes it.
    public var upgradeToDirectColor: Bool

    /// Creates options.
    public init(colorDepth: ColorDepth? = nil, glyphMode: GlyphMode? = nil, escapeDelayMilliseconds: Int = 25,
                environment: [String: String] = ProcessInfo.processInfo.environment, upgradeToDirectColor: Bool = true) {
        self.colorDepth = colorDepth
        self.glyphMode = glyphMode
        self.escapeDelayMilliseconds = escapeDelayMilliseconds
        self.environment = environment
        self.upgradeToDirectColor = upgradeToDirectColor
    }

    /// The direct-colour terminfo entry to try before `$TERM`'s own: `xterm-direct` when
    /// `COLORTERM` is `truecolor` or `24bit`, `TERM` is an `xterm*` entry without direct colour
    /// already, no colour depth is forced and `NO_COLOR` is unset; nil otherwise.
    public var directColorTerm: String? {
        guard upgradeToDirectColor, colorDepth == nil else { return nil }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return nil }
        let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
        let term = environment["TERM"] ?? ""
        guard colorTerm == "truecolor" || colorTerm == "24bit", term.hasPrefix("xterm"), !term.contains("direct") else {
            return nil
        }
        return "xterm-direct"
    }
}

/// Why no terminal screen could be started; the app falls back to headless progress lines.
public enum CursesError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal.
    case notATerminal
    /// ncurses could not start on this terminal (unknown or missing `TERM`).
    case cannotStart(term: String)

    public var description: String {
        switch self {
        case .notATerminal: return "standard input or output is not a terminal"
        case .cannotStart(let term): return "cannot start the terminal screen for TERM=\(term.isEmpty ? "(unset)" : term)"
        }
    }
}
