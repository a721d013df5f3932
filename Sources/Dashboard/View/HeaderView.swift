import TermCanvas

/// Two header rows: run, state, epoch/step, progress and ETA; then LR, throughput, best val
/// and the view settings.
enum HeaderView {
    static func render(_ state: DashboardState, in rect: Rect, into buffer: inout CellBuffer, glyphs: GlyphMode) {
        let theme = state.theme
        let history = state.history
        let ascii = glyphs == .ascii
        let bar = theme.style(.header)
        buffer.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), with: Cell(" ", style: bar))
        var x = rect.x + 1
        func put(_ text: String, _ style: CellStyle, row: Int = 0) {
            x += buffer.write(text, x: x, y: rect.y + row, style: style, maxWidth: rect.maxX - x)
        }
        put("tunetop ", bar)
        put(state.name, theme.style(.accent).on(bar.background))
        put("  \(stateLabel(state))", stateStyle(state, theme).on(bar.background))
        if let epoch = history.epoch { put("  epoch \(epoch)", bar) }
        let step = history.lastStep
        if let total = history.totalSteps, total > 0 {
            put("  step \(step)/\(total) ", bar)
            let fraction = Double(step) / Double(total)
            let width = min(30, max(0, rect.maxX - x - 18))
            ProgressBar.render(fraction: fraction, into: &buffer, x: x, y: rect.y, width: width,
                               filled: theme.style(.accent).on(bar.background), empty: theme.style(.muted).on(bar.background),
                               glyphs: glyphs)
            x += width
            put(" \(Int((fraction * 100).rounded(.down)))%", bar)
            if state.kind != .replay, !history.isFinished, let eta = history.etaSeconds { put("  ETA \(SIFormat.duration(eta))", bar) }
        } else {
            put("  step \(step)", bar)
        }

        x = rect.x + 1
        let muted = theme.style(.muted)
        let text = theme.style(.text)
        func field(_ label: String, _ value: String) {
            put(label, muted, row: 1)
            put(value + "  ", text, row: 1)
        }
        if state.kind == .compare, let otherName = state.otherName {
            put("vs ", muted, row: 1)
            put(otherName + "  ", theme.style(.compareB), row: 1)
        }
        if let lr = history.learningRateNow { field("lr ", SIFormat.format(lr, ascii: ascii)) }
        if let rate = history.examplesPerSecond { field("", SIFormat.format(rate, ascii: ascii) + " ex/s") }
        if let best = history.bestVal { field("best val ", "\(SIFormat.format(best.value, ascii: ascii)) @\(best.step)") }
        field("smooth ", String(state.smoothing))
        field("window ", state.window.map { "last \(SIFormat.format(Double($0)))" } ?? "all")
        if let notice = state.notice { put(notice, theme.style(.warn), row: 1) }
    }

    static func stateLabel(_ state: DashboardState) -> String {
        if let player = state.player {
            let speed = player.speed >= 1 ? String(Int(player.speed)) : String(player.speed)
            let transport = player.atEnd ? "end" : player.playing ? "playing" : "paused"
            return "replay ×\(speed) \(transport)"
        }
        if let summary = state.history.summary { return "stopped (\(summary.endReason.rawValue))" }
        if state.stopRequested { return "stopping" }
        let trainer = state.history.trainerState ?? "running"
        return state.kind == .follow ? "following · \(trainer)" : trainer
    }

    private static func stateStyle(_ state: DashboardState, _ theme: Theme) -> CellStyle {
        if state.history.summary != nil { return theme.style(.warn) }
        if state.history.trainerState == "paused" { return theme.style(.warn) }
        return theme.style(.good)
    }
}
