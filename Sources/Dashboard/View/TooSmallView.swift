import TermCanvas

/// Below the minimum size: say the current and needed size, and how to leave.
enum TooSmallView {
    static func render(_ state: DashboardState, into buffer: inout CellBuffer) {
        let theme = state.theme
        let lines = [
            "terminal too small",
            "\(buffer.size) — needs \(DashboardLayout.minimum)",
            "enlarge the window · q quits",
        ]
        let top = max(0, (buffer.height - lines.count) / 2)
        for (row, line) in lines.enumerated() {
            let x = max(0, (buffer.width - line.count) / 2)
            buffer.write(line, x: x, y: top + row, style: row == 0 ? theme.style(.warn) : theme.style(.text))
        }
    }
}
