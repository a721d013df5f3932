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
            // No ETA while paused or stopping: the step rate behind it means nothing then.
            if state.kind != .replay, !history.isFinished, history.trainerState.map({ $0 == "running" }) ?? true,
               let eta = history.etaSeconds {
                put("  ETA \(SIFormat.duration(eta))", bar)
            }
        } else {
            put("  step \(step)", bar)
        }
        secondRow(state, in: Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 1, height: 1), into: &buffer, ascii: ascii)
    }

    /// One item of the second row: label and value styles, and how soon it goes when the
    /// row is too narrow (higher goes first). Items are dropped whole, never cut.
    private struct Item {
        var parts: [(text: String, style: CellStyle)]
        var priority: Int
        var width: Int { parts.reduce(0) { $0 + $1.text.count } }
    }

    /// LR, throughput, best val, view settings and the notice, as many as fit.
    private static func secondRow(_ state: DashboardState, in rect: Rect, into buffer: inout CellBuffer, ascii: Bool) {
        let theme = state.theme
        let history = state.history
        let muted = theme.style(.muted)
        let text = theme.style(.text)
        func field(_ label: String, _ value: String, _ priority: Int) -> Item {
            Item(parts: [(label, muted), (value, text)], priority: priority)
        }
        var items: [Item] = []
        if state.kind == .compare, let otherName = state.otherName {
            items.append(Item(parts: [("vs ", muted), (otherName, theme.style(.compareB))], priority: 1))
        }
        if let lr = history.learningRateNow { items.append(field("lr ", SIFormat.format(lr, ascii: ascii), 2)) }
        if let rate = history.examplesPerSecond { items.append(field("", SIFormat.format(rate, ascii: ascii) + " ex/s", 4)) }
        if let best = history.bestVal {
            items.append(field("best val ", "\(SIFormat.format(best.value, ascii: ascii)) @\(best.step)", 3))
        }
        items.append(field("smooth ", String(state.smoothing), 5))
        items.append(field("window ", state.window.map { "last \(SIFormat.format(Double($0)))" } ?? "all", 6))
        // The notice answers what the user just did: it stays when the rest must go.
        if let notice = state.notice { items.append(Item(parts: [(notice.text, theme.style(notice.role))], priority: 0)) }
        func total(_ items: [Item]) -> Int { items.reduce(0) { $0 + $1.width } + 2 * max(0, items.count - 1) }
        while total(items) > rect.width, let worst = items.indices.max(by: { items[$0].priority < items[$1].priority }),
              items[worst].priority > 0 || items.count > 1 {
            items.remove(at: worst)
        }
        var x = rect.x
        for item in items {
            for part in item.parts {
                x += buffer.write(part.text, x: x, y: rect.y, style: part.style, maxWidth: rect.maxX - x)
            }
            x += 2
        }
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
