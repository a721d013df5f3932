import TermCanvas

/// Turns history into what `LineChart` draws: downsampled samples and markers.
enum ChartData {
    /// One sample per dot column of a chart `width` cells wide, over the visible steps.
    static func samples(_ series: SeriesPyramid, steps: ClosedRange<Int>, width: Int) -> [ChartSample] {
        series.downsample(lower: steps.lowerBound, upper: steps.upperBound, columns: LineChart.dotColumns(width: width))
            .map { ChartSample(x: Double($0.step), low: $0.low, high: $0.high, last: $0.last) }
    }

    /// The x range for the visible steps (never empty).
    static func xRange(_ steps: ClosedRange<Int>) -> ClosedRange<Double> {
        Double(steps.lowerBound)...Double(max(steps.upperBound, steps.lowerBound + 1))
    }

    /// Vertical markers where the learning rate changed, labelled with who changed it and by how much.
    static func learningRateMarkers(_ history: RunHistory, theme: Theme, ascii: Bool) -> [ChartMarker] {
        history.learningRateChanges.map { change in
            let factor = change.before != 0 ? change.after / change.before : .nan
            let label = factor.isFinite ? "\(change.source)×\(SIFormat.format(factor, ascii: ascii))" : change.source
            return ChartMarker(x: Double(change.step), label: label, style: theme.style(.marker))
        }
    }
}
