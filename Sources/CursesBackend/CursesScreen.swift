import CNCursesW
import Foundation
import TermCanvas

/// The real terminal, through ncurses. The only type that calls ncurses; every call happens
/// on the thread that called `run`.
public final class CursesScreen: Screen {
    public private(set) var size: Size
    public let glyphMode: GlyphMode
    /// The colour depth in use (for diagnostics).
    public let colorDepth: ColorDepth
    private let window: UnsafeMutablePointer<WINDOW>
    private var pairs: ColorPairs
    private var previous: CellBuffer?
    private var text: [wchar_t] = [0, 0]

    /// Starts the screen, runs `body` with it, and restores the terminal on every way out:
    /// a normal return, a thrown error, and SIGINT/SIGTERM/SIGHUP (which `readKey` reports
    /// as `Key.signal` so the caller can stop cleanly before the terminal is restored).
    /// Throws `CursesError` when no screen can be started; nothing has been changed then.
    public static func run<T>(options: CursesOptions = CursesOptions(), _ body: (any Screen) throws -> T) throws -> T {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw CursesError.notATerminal }
        // ncurses starts on `dumb` but cannot address the cursor there: the screen would be garbage.
        let term = options.environment["TERM"] ?? ""
        guard !term.isEmpty, term != "dumb" else { throw CursesError.cannotStart(term: term) }
        setlocale(LC_ALL, "")
        // Trap before ncurses starts: ncurses installs its own SIGINT/SIGTERM handlers only
        // where none exist, and those would end the process without our cleanup.
        cn_trap_signals()
        defer { cn_untrap_signals() }
        // A truecolour terminal announced by COLORTERM but described by a 256-colour entry:
        // ncurses emits only what terminfo describes, so use the direct-colour entry when one
        // is installed, and $TERM's own entry otherwise.
        let direct = options.directColorTerm.flatMap { name in name.withCString { cn_newterm($0) } }
        guard let terminal = direct ?? cn_newterm(nil) else {
            throw CursesError.cannotStart(term: term)
        }
        defer { delscreen(terminal) }
        set_term(terminal)
        defer { endwin() }
        let screen = CursesScreen(options: options)
        defer { curs_set(1) }
        return try body(screen)
    }

    private init(options: CursesOptions) {
        window = cn_stdscr()!
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        Self.defineAlternateKeySequences()
        curs_set(0)
        set_escdelay(Int32(options.escapeDelayMilliseconds))
        var depth = options.colorDepth ?? .none
        if has_colors() {
            start_color()
            use_default_colors()
            if options.colorDepth == nil {
                depth = ColorDepth.detect(colors: Int(cn_colors()), environment: options.environment)
            }
        } else {
            depth = .none
        }
        colorDepth = depth
        pairs = ColorPairs(depth: depth, limit: Int(cn_color_pairs()))
        glyphMode = options.glyphMode ?? (cn_locale_is_utf8() != 0 ? .braille : .ascii)
        size = Size(width: Int(cn_cols()), height: Int(cn_lines()))
    }

    /// Writes the cells that changed since the last frame, then updates the terminal once.
    public func present(_ buffer: CellBuffer) {
        if let previous, previous.size != buffer.size {
            werase(window)
            self.previous = nil
        }
        for y in 0..<min(buffer.height, size.height) {
            for x in 0..<min(buffer.width, size.width) {
                let cell = buffer[x, y]
                if let previous, previous[x, y] == cell { continue }
                put(cell, x: x, y: y)
            }
        }
        previous = buffer
        wnoutrefresh(window)
        doupdate()
    }

    private func put(_ cell: CellBuffer.Element, x: Int, y: Int) {
        text[0] = wchar_t(bitPattern: cell.glyph.value)
        let pair = pairs.pair(for: cell.style)
        let attributes = Self.attributes(cell.style.attributes)
        _ = text.withUnsafeBufferPointer { pointer in
            cn_put_wide(window, Int32(y), Int32(x), pointer.baseAddress, attributes, pair)
        }
    }

    private static func attributes(_ attributes: TextAttributes) -> attr_t {
        var result = cn_a_normal()
        if attributes.contains(.bold) { result |= cn_a_bold() }
        if attributes.contains(.dim) { result |= cn_a_dim() }
        if attributes.contains(.reverse) { result |= cn_a_reverse() }
        if attributes.contains(.underline) { result |= cn_a_underline() }
        if attributes.contains(.italic) { result |= cn_a_italic() }
        return result
    }

    /// Waits for a key, a resize or a trapped signal, at most `timeoutMilliseconds`.
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        if let signal = takeSignal() { return signal }
        wtimeout(window, Int32(max(0, timeoutMilliseconds)))
        var code: wint_t = 0
        let result = wget_wch(window, &code)
        if let signal = takeSignal() { return signal }
        switch result {
        case KEY_CODE_YES:
            let key = KeyDecoding.functionKey(Int32(bitPattern: code))
            if key == .resize {
                size = Size(width: Int(cn_cols()), height: Int(cn_lines()))
                previous = nil
                werase(window)
            }
            return key
        case OK:
            return KeyDecoding.character(UInt32(code))
        default:
            return nil
        }
    }

    private func takeSignal() -> Key? {
        let number = cn_take_signal()
        return number == 0 ? nil : .signal(number)
    }
}

extension CellBuffer {
    /// The element type, named for readability in the backend.
    typealias Element = Cell
}

extension CursesScreen {
    /// Home and End arrive as different sequences from xterm (`ESC O H`), VT220-style
    /// terminals and tmux/screen (`ESC [ 1 ~`), and rxvt (`ESC [ 7 ~`), and TERM often names a
    /// terminal other than the one sending (xterm-256color inside tmux): teach ncurses all
    /// of them so the replay's Home/End work wherever the user runs it.
    fileprivate static func defineAlternateKeySequences() {
        let sequences: [(String, Int32)] = [
            ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
            ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
        ]
        for (sequence, code) in sequences { _ = define_key(sequence, code) }
    }
}
