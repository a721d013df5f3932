import TermCanvas

/// One line of keys for the current mode, from the key table. Every key with a footer word
/// shows when the line fits; otherwise the compact entries (`h/H/d LR`) replace the full
/// ones, and only then are the least important keys dropped (`dropOrder`). `?` and `q`
/// always show, and every key is in the `?` overlay.
enum FooterView {
    /// One entry: the key(s) in the accent style, then the word.
    struct Entry: Equatable {
        var label: String
        var word: String
        var action: DashboardAction
        var width: Int { label.count + 1 + word.count }
    }

    /// Dropped first to last when even the compact line is too wide.
    static let dropOrder: [DashboardAction] = [
        .nextTheme, .cycleWindow, .toggleLogY, .smoothLess, .showActivations, .selectPreviousLayer,
        .checkpoint, .rollbackToBest, .slower, .nextControlEvent, .seekBackward, .stopEarly, .togglePause,
        .divideLearningRateByFive, .doubleLearningRate, .halveLearningRate, .playPause,
    ]

    /// Columns between entries.
    static let gap = 2

    static func render(_ state: DashboardState, in rect: Rect, into buffer: inout CellBuffer) {
        let theme = state.theme
        buffer.fill(rect, with: Cell(" ", style: theme.style(.text)))
        var x = rect.x + 1
        for entry in entries(for: state.modeSet, width: rect.width - 1) {
            x += buffer.write(entry.label, x: x, y: rect.y, style: theme.style(.accent))
            x += buffer.write(" " + entry.word + String(repeating: " ", count: gap), x: x, y: rect.y, style: theme.style(.muted))
        }
    }

    /// The entries shown in `width` columns.
    static func entries(for mode: ModeSet, width: Int) -> [Entry] {
        let bindings = KeyTable.bindings(in: mode)
        let full = bindings.compactMap { binding in binding.footer.map { Entry(label: binding.label, word: $0, action: binding.action) } }
        if lineWidth(full) <= width { return full }
        var compact = bindings.compactMap { binding -> Entry? in
            guard let word = binding.footer else { return nil }
            switch binding.compact {
            case .same: return Entry(label: binding.label, word: word, action: binding.action)
            case .entry(let label, let shorter): return Entry(label: label, word: shorter, action: binding.action)
            case .folded: return nil
            }
        }
        for action in dropOrder where lineWidth(compact) > width {
            compact.removeAll { $0.action == action }
        }
        return compact
    }

    static func lineWidth(_ entries: [Entry]) -> Int {
        entries.reduce(0) { $0 + $1.width } + gap * max(0, entries.count - 1)
    }
}
