import Telemetry
import TermCanvas

/// The selected layer's histogram now (bars) and over time (a heat strip: one column per
/// snapshot, bins on the common range of all snapshots shown).
enum HistogramPanelView {
    static func render(_ state: DashboardState, in rect: Rect, into buffer: inout CellBuffer, glyphs: GlyphMode) {
        let theme = state.theme
        let kind = state.histogramKind
        guard let layer = state.selectedLayerName else {
            let area = Panel.title("histogram", detail: kind.rawValue, in: rect, into: &buffer, theme: theme, glyphs: glyphs)
            buffer.write(" no histograms yet", x: area.x, y: area.y, style: theme.style(.muted), maxWidth: area.width)
            return
        }
        let snapshots = state.history.layers[layer]?.histograms[kind] ?? []
        guard let latest = snapshots.last else {
            let area = Panel.title(layer, detail: kind.rawValue, in: rect, into: &buffer, theme: theme, glyphs: glyphs)
            buffer.write(" no \(kind.rawValue) histograms", x: area.x, y: area.y, style: theme.style(.muted), maxWidth: area.width)
            return
        }
        let (nan, inf) = HistogramBinning.nonFinite(latest.histogram)
        let area = Panel.title(layer, detail: "\(kind.rawValue) @\(latest.step)", in: rect, into: &buffer, theme: theme, glyphs: glyphs)
        guard area.height >= 3, area.width >= 10 else { return }
        let ascii = glyphs == .ascii
        // Status row: non-finite counts, loudly when present.
        let statusStyle = nan + inf > 0 ? theme.style(.bad) : theme.style(.muted)
        buffer.write(" NaN \(SIFormat.format(nan)) Inf \(SIFormat.format(inf))  n=\(SIFormat.format(latest.histogram.count, ascii: ascii))",
                     x: area.x, y: area.y, style: statusStyle, maxWidth: area.width)
        let body = area.splitTop(1).rest
        let (now, time) = body.splitLeft(body.width / 2)

        // Now: bars over the latest snapshot's own range, labelled at both ends.
        let barsArea = now.splitBottom(1)
        if let range = HistogramBinning.range(latest.histogram) {
            let counts = HistogramBinning.rebin(latest.histogram, range: range, bins: max(1, now.width - 1))
            HistogramBars.render(counts, into: &buffer, in: barsArea.rest, style: theme.style(.accent), glyphs: glyphs)
            let low = SIFormat.format(range.lowerBound, ascii: ascii)
            let high = SIFormat.format(range.upperBound, ascii: ascii)
            buffer.write(low, x: now.x, y: barsArea.bottom.y, style: theme.style(.muted), maxWidth: now.width / 2)
            buffer.write(high, x: now.maxX - 1 - high.count, y: barsArea.bottom.y, style: theme.style(.muted))
        }

        // Over time: up to one column per snapshot, evenly picked across the run.
        let strip = time.inset(dx: 1, dy: 0).splitBottom(1)
        guard strip.rest.width > 0, strip.rest.height > 0 else { return }
        let picked = pick(snapshots, count: strip.rest.width)
        let ranges = picked.compactMap { HistogramBinning.range($0.histogram) }
        guard let low = ranges.map(\.lowerBound).min(), let high = ranges.map(\.upperBound).max() else { return }
        let columns = picked.map { snapshot -> [Double] in
            let counts = HistogramBinning.rebin(snapshot.histogram, range: low...high, bins: strip.rest.height)
            let peak = counts.max() ?? 0
            return peak > 0 ? counts.map { $0 / peak } : counts
        }
        HeatStrip.render(columns, into: &buffer, in: strip.rest, low: theme.style(.heatLow), high: theme.style(.heatHigh), glyphs: glyphs)
        let range = "\(SIFormat.format(low, ascii: ascii))…\(SIFormat.format(high, ascii: ascii))"
        // "over time" only when it fits whole: the range matters more.
        let label = range.count + 10 <= strip.bottom.width ? range + " over time" : range
        buffer.write(label, x: strip.bottom.x, y: strip.bottom.y, style: theme.style(.muted), maxWidth: strip.bottom.width)
    }

    /// At most `count` snapshots, evenly spaced, always including the latest.
    static func pick<T>(_ items: [T], count: Int) -> [T] {
        guard items.count > count, count > 0 else { return items }
        return (0..<count).map { items[($0 * (items.count - 1)) / max(1, count - 1)] }
    }
}
