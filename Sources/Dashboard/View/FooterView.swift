import TermCanvas

/// One line of keys for the current mode, from the key table. `?` and `q` always show (they
/// end the line); other keys show while they fit, and all of them are in the `?` overlay.
enum FooterView {
    static func render(_ state: DashboardState, in rect: Rect, into buffer: inout CellBuffer) {
        let theme = state.theme
        buffer.fill(rect, with: Cell(" ", style: theme.style(.text)))
        let items = KeyTable.bindings(in: state.modeSet).compactMap { binding in
            binding.footer.map { (binding.label, $0, binding.action == .toggleHelp || binding.action == .quit) }
        }
        func width(_ item: (String, String, Bool)) -> Int { item.0.count + 1 + item.1.count + 2 }
        let tailWidth = items.filter(\.2).map(width).reduce(0, +)
        var x = rect.x + 1
        var shown: [(String, String, Bool)] = []
        for item in items where !item.2 && x + width(item) <= rect.maxX - tailWidth {
            shown.append(item)
            x += width(item)
        }
        x = rect.x + 1
        for (label, word, _) in shown + items.filter(\.2) {
            x += buffer.write(label, x: x, y: rect.y, style: theme.style(.accent))
            x += buffer.write(" " + word + "  ", x: x, y: rect.y, style: theme.style(.muted))
        }
    }
}
