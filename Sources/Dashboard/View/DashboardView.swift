import TermCanvas

/// The pure view: dashboard state in, a full frame of cells out. Any size works; below the
/// minimum it draws the too-small message.
public enum DashboardView {
    /// Renders `state` at `size` with the glyphs the screen can show.
    public static func render(_ state: DashboardState, size: Size, glyphs: GlyphMode = .braille) -> CellBuffer {
        let theme = state.theme
        var buffer = CellBuffer(width: size.width, height: size.height, fill: Cell(" ", style: theme.style(.text)))
        guard let layout = DashboardLayout(size: size) else {
            TooSmallView.render(state, into: &buffer)
            // A pending question must stay answerable at any size.
            if let prompt = state.prompt { OverlayView.prompt(prompt, state, into: &buffer, glyphs: glyphs) }
            if glyphs == .ascii { buffer.convertToASCII() }
            return buffer
        }
        HeaderView.render(state, in: layout.header, into: &buffer, glyphs: glyphs)
        if state.kind == .compare {
            CompareView.render(state, layout: layout, into: &buffer, glyphs: glyphs)
        } else {
            ChartsView.loss(state, in: layout.loss, into: &buffer, glyphs: glyphs)
            ChartsView.accuracy(state, in: layout.accuracy, into: &buffer, glyphs: glyphs)
            ChartsView.learningRate(state, in: layout.learningRate, into: &buffer, glyphs: glyphs)
            LayerTableView.render(state, in: layout.table, into: &buffer, glyphs: glyphs)
            HistogramPanelView.render(state, in: layout.histogram, into: &buffer, glyphs: glyphs)
            LogView.render(state, in: layout.log, into: &buffer, glyphs: glyphs)
        }
        FooterView.render(state, in: layout.footer, into: &buffer)
        if state.showHelp { OverlayView.help(state, into: &buffer, glyphs: glyphs) }
        if let prompt = state.prompt { OverlayView.prompt(prompt, state, into: &buffer, glyphs: glyphs) }
        if glyphs == .ascii { buffer.convertToASCII() }
        return buffer
    }
}
