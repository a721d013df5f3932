import TermCanvas

/// One line of keys for the current mode, from the key table; what does not fit is in `?`.
enum FooterView {
    static func render(_ state: DashboardState, in rect: Rect, into buffer: inout CellBuffer) {
        let theme = state.theme
        buffer.fill(rect, with: Cell(" ", style: theme.style(.text)))
        var x = rect.x + 1
        for binding in KeyTable.bindings(in: state.modeSet) {
            guard let word = binding.footer else { continue }
            let needed = binding.label.count + 1 + word.count + 2
            // Always leave room for the help key so the rest stays discoverable.
            if x + needed > rect.maxX - (binding.action == .toggleHelp || binding.action == .quit ? 0 : 14) { continue }
            x += buffer.write(binding.label, x: x, y: rect.y, style: theme.style(.accent))
            x += buffer.write(" " + word + "  ", x: x, y: rect.y, style: theme.style(.muted))
        }
    }
}
