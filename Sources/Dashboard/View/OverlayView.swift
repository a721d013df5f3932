import TermCanvas

/// Boxes drawn over the dashboard: the `?` help (generated from the key table) and prompts.
enum OverlayView {
    static func help(_ state: DashboardState, into buffer: inout CellBuffer, glyphs: GlyphMode) {
        let bindings = KeyTable.bindings(in: state.modeSet)
        let lines = bindings.map { binding -> String in
            let keys = binding.keys.map(name).joined(separator: " ")
            return keys.padding(toLength: 8, withPad: " ", startingAt: 0) + binding.help
        } + ["", "any key closes this help · theme: \(state.theme.name)"]
        box(title: "keys", lines: lines, into: &buffer, theme: state.theme, glyphs: glyphs)
    }

    static func prompt(_ prompt: Prompt, _ state: DashboardState, into buffer: inout CellBuffer, glyphs: GlyphMode) {
        switch prompt {
        case .confirmStop:
            box(title: "stop early?", lines: ["Stop training now, keeping the best weights?", "", "y  stop        any other key  cancel"],
                into: &buffer, theme: state.theme, glyphs: glyphs)
        case .confirmQuit:
            box(title: "quit", lines: [
                "Training is still running.", "",
                "s  stop training and quit",
                "k  keep training headless (the run file stays complete)",
                "any other key  cancel",
            ], into: &buffer, theme: state.theme, glyphs: glyphs)
        }
    }

    /// A key's name as the help shows it.
    static func name(_ key: Key) -> String {
        switch key {
        case .character(" "): return "space"
        case .character(let c): return String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Bksp"
        case .tab: return "Tab"
        case .function(let n): return "F\(n)"
        case .resize: return "resize"
        case .signal(let n): return "signal \(n)"
        }
    }

    /// A centred box with a title and lines, clipped to the screen.
    static func box(title: String, lines: [String], into buffer: inout CellBuffer, theme: Theme, glyphs: GlyphMode) {
        let style = theme.style(.overlay)
        let border = style.adding(.bold)
        let width = min(buffer.width - 2, max(title.count + 6, (lines.map(\.count).max() ?? 0) + 4))
        let height = min(buffer.height - 2, lines.count + 2)
        guard width > 4, height > 2 else { return }
        let rect = Rect(x: (buffer.width - width) / 2, y: (buffer.height - height) / 2, width: width, height: height)
        buffer.fill(rect, with: Cell(" ", style: style))
        let ascii = glyphs == .ascii
        let (h, v): (Unicode.Scalar, Unicode.Scalar) = ascii ? ("-", "|") : ("─", "│")
        for x in rect.x..<rect.maxX {
            buffer[x, rect.y] = Cell(h, style: border)
            buffer[x, rect.maxY - 1] = Cell(h, style: border)
        }
        for y in rect.y..<rect.maxY {
            buffer[rect.x, y] = Cell(v, style: border)
            buffer[rect.maxX - 1, y] = Cell(v, style: border)
        }
        let corners: [Unicode.Scalar] = ascii ? ["+", "+", "+", "+"] : ["╭", "╮", "╰", "╯"]
        buffer[rect.x, rect.y] = Cell(corners[0], style: border)
        buffer[rect.maxX - 1, rect.y] = Cell(corners[1], style: border)
        buffer[rect.x, rect.maxY - 1] = Cell(corners[2], style: border)
        buffer[rect.maxX - 1, rect.maxY - 1] = Cell(corners[3], style: border)
        buffer.write(" \(title) ", x: rect.x + 2, y: rect.y, style: border, maxWidth: rect.width - 4)
        for (row, line) in lines.prefix(height - 2).enumerated() {
            buffer.write(line, x: rect.x + 2, y: rect.y + 1 + row, style: style, maxWidth: rect.width - 4)
        }
    }
}
