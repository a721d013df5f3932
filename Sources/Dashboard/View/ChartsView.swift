import TermCanvas

/// The loss, accuracy and learning-rate charts.
enum ChartsView {
    static func loss(_ state: DashboardState, in rect: Rect, into buffer: inout CellBuffer, glyphs: GlyphMode) {
        let theme = state.theme
        let history = state.history
        let steps = state.visibleSteps
        var detail = "raw · smoothed \(state.smoothing) · val"
        if state.logY { detail += " · log" }
        let area = Panel.title("loss", detail: detail, in: rect, into: &buffer, theme: theme, glyphs: glyphs)
        var series: [ChartSeries] = []
        if state.smoothing > 0 {
            series.append(ChartSeries(samples: ChartData.samples(history.trainLoss, steps: steps, width: area.width),
                                      style: theme.style(.trainRaw)))
        }
        series.append(ChartSeries(samples: ChartData.samples(history.smoothedLoss, steps: steps, width: area.width),
                                  style: theme.style(.trainSmooth)))
        series.append(ChartSeries(samples: ChartData.samples(history.valLoss, steps: steps, width: area.width),
                                  style: theme.style(.val), kind: .points))
        var markers = ChartData.learningRateMarkers(history, theme: theme, ascii: glyphs == .ascii)
        if let best = history.bestVal {
            markers.append(ChartMarker(x: Double(best.step), label: "best", style: theme.style(.best), kind: .point(y: best.value)))
        }
        LineChart(series: series, markers: markers, xRange: ChartData.xRange(steps), logY: state.logY,
                  axisStyle: theme.style(.border), labelStyle: theme.style(.muted))
            .render(into: &buffer, in: area, glyphs: glyphs)
    }

    static func accuracy(_ state: DashboardState, in rect: Rect, into buffer: inout CellBuffer, glyphs: GlyphMode) {
        let theme = state.theme
        let history = state.history
        let steps = state.visibleSteps
        var detail = ""
        if let train = history.trainAccuracy.lastValue { detail += "train \(Format.percent(train))" }
        if let val = history.valAccuracy.lastValue { detail += (detail.isEmpty ? "" : " · ") + "val \(Format.percent(val))" }
        let area = Panel.title("accuracy", detail: detail, in: rect, into: &buffer, theme: theme, glyphs: glyphs)
        let series = [
            ChartSeries(samples: ChartData.samples(history.trainAccuracy, steps: steps, width: area.width), style: theme.style(.accuracy)),
            ChartSeries(samples: ChartData.samples(history.valAccuracy, steps: steps, width: area.width), style: theme.style(.val), kind: .points),
        ]
        LineChart(series: series, xRange: ChartData.xRange(steps), axisStyle: theme.style(.border), labelStyle: theme.style(.muted))
            .render(into: &buffer, in: area, glyphs: glyphs)
    }

    static func learningRate(_ state: DashboardState, in rect: Rect, into buffer: inout CellBuffer, glyphs: GlyphMode) {
        let theme = state.theme
        let history = state.history
        let steps = state.visibleSteps
        let detail = history.learningRateNow.map { "now \(SIFormat.format($0, ascii: glyphs == .ascii))" } ?? ""
        let area = Panel.title("learning rate", detail: detail, in: rect, into: &buffer, theme: theme, glyphs: glyphs)
        let samples = ChartData.samples(history.learningRate, steps: steps, width: area.width)
        let positive = samples.map(\.low).filter { $0 > 0 }
        // A log axis once the rate has moved by more than a decade (schedules, repeated halving).
        let logY = (positive.max() ?? 0) > 10 * (positive.min() ?? .infinity)
        LineChart(series: [ChartSeries(samples: samples, style: theme.style(.lr))],
                  markers: ChartData.learningRateMarkers(history, theme: theme, ascii: glyphs == .ascii).map {
                      var marker = $0
                      marker.label = ""
                      return marker
                  },
                  xRange: ChartData.xRange(steps), logY: logY,
                  axisStyle: theme.style(.border), labelStyle: theme.style(.muted))
            .render(into: &buffer, in: area, glyphs: glyphs)
    }
}
