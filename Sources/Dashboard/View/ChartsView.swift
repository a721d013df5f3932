import TermCanvas

/// The loss, accuracy and learning-rate charts.
enum ChartsView {
    static func loss(_ state: DashboardState, in rect: Rect, into buffer: inout CellBuffer, glyphs: GlyphMode) {
        if !state.history.lrFind.isEmpty {
            lrRangeTest(state, in: rect, into: &buffer, glyphs: glyphs)
            return
        }
        let theme = state.theme
        let history = state.history
        let steps = state.visibleSteps
        let log = state.logY ? " · log" : ""
        let area = Panel.title([("loss", "raw · smoothed \(state.smoothing) · val" + log), ("loss", "smoothed \(state.smoothing)" + log),
                                ("loss", "")], in: rect, into: &buffer, theme: theme, glyphs: glyphs)
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
        let train = history.trainAccuracy.lastValue.map { "train \(Format.percent($0))" }
        let val = history.valAccuracy.lastValue.map { "val \(Format.percent($0))" }
        let detail = [train, val].compactMap { $0 }.joined(separator: " · ")
        let area = Panel.title([("accuracy", detail), ("acc", detail), ("acc", val ?? ""), ("acc", "")],
                               in: rect, into: &buffer, theme: theme, glyphs: glyphs)
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
        let area = Panel.title([("learning rate", detail), ("LR", detail), ("LR", "")],
                               in: rect, into: &buffer, theme: theme, glyphs: glyphs)
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

    /// An LR range test (`lr_find/…` tags): loss and smoothed loss against the rate on a log
    /// axis, the suggested rates marked. This is what an LR finder is read by, not the step.
    static func lrRangeTest(_ state: DashboardState, in rect: Rect, into buffer: inout CellBuffer, glyphs: GlyphMode) {
        let theme = state.theme
        let sweep = state.history.lrFind
        let ascii = glyphs == .ascii
        let log = state.logY ? " · log loss" : ""
        let area = Panel.title([("LR range test", "loss · smoothed vs learning rate (log)" + log), ("LR range test", "loss vs log LR" + log),
                                ("LR test", "")], in: rect, into: &buffer, theme: theme, glyphs: glyphs)
        guard let rates = sweep.rateRange else {
            buffer.write(" LR range test: waiting for two rates", x: area.x, y: area.y + area.height / 2,
                         style: theme.style(.muted), maxWidth: area.width)
            return
        }
        let columns = LineChart.dotColumns(width: area.width)
        func series(_ field: KeyPath<LRFindHistory.Point, Double?>, _ role: ThemeRole) -> ChartSeries {
            ChartSeries(samples: sweep.samples(field, columns: columns, range: rates).map { ChartSample(x: $0.x, low: $0.low, high: $0.high, last: $0.last) },
                        style: theme.style(role))
        }
        var markers: [ChartMarker] = []
        if let steepest = sweep.steepest {
            markers.append(ChartMarker(x: steepest, label: "steepest \(SIFormat.format(steepest, ascii: ascii))", style: theme.style(.best)))
        }
        if let minOverTen = sweep.minOverTen {
            markers.append(ChartMarker(x: minOverTen, label: "min/10 \(SIFormat.format(minOverTen, ascii: ascii))", style: theme.style(.marker)))
        }
        let curves = [series(\.loss, .trainRaw), series(\.smoothed, .trainSmooth)]
        LineChart(series: curves, markers: markers, xRange: rates, yRange: sweepYRange(curves, logY: state.logY),
                  logY: state.logY, logX: true, axisStyle: theme.style(.border), labelStyle: theme.style(.muted))
            .render(into: &buffer, in: area, glyphs: glyphs)
    }

    /// The sweep ends where the loss blows up, and a raw loss there can be 30× the rest:
    /// fitted to it, the part of the curve the user reads (the descent) would be a flat line.
    /// So the top is the smoothed loss's highest point (bounded by the test's divergence
    /// rule), and raw spikes above it are clipped, as fastai's plot does by skipping the end.
    static func sweepYRange(_ curves: [ChartSeries], logY: Bool) -> ClosedRange<Double>? {
        let usable: (Double) -> Bool = { $0.isFinite && (!logY || $0 > 0) }
        let lows = curves.flatMap { $0.samples.map(\.low) }.filter(usable)
        let smoothedHighs = (curves.last?.samples.map(\.high) ?? []).filter(usable)
        guard let low = lows.min(), let high = smoothedHighs.max(), high > low else { return nil }
        if logY { return low...high }
        return NiceScale.niceRange(lower: low, upper: high, maxCount: 5)
    }
}
