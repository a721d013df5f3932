import Telemetry
import TermCanvas

/// Re-bins TensorBoard histograms onto a fixed grid, so buckets of any layout (TensorBoard's
/// exponential edges, PyTorch's linear ones) draw as equal-width columns.
enum HistogramBinning {
    /// The value range a histogram covers: its min and max, or its finite bucket edges.
    static func range(_ histogram: Histogram) -> ClosedRange<Double>? {
        var low = histogram.min
        var high = histogram.max
        if !low.isFinite || !high.isFinite || low > high {
            let finite = histogram.bucketLimits.filter(\.isFinite)
            guard let first = finite.first, let last = finite.last else { return nil }
            (low, high) = (first, last)
        }
        return low...high
    }

    /// Counts of `histogram` in `bins` equal bins over `range`, spreading each bucket's count
    /// uniformly over the part of it inside the histogram's own range.
    static func rebin(_ histogram: Histogram, range: ClosedRange<Double>, bins: Int) -> [Double] {
        guard bins > 0 else { return [] }
        var result = Array(repeating: 0.0, count: bins)
        let span = range.upperBound - range.lowerBound
        guard let own = self.range(histogram) else { return result }
        func bin(_ value: Double) -> Int {
            guard span > 0, span.isFinite else { return bins / 2 }
            return min(bins - 1, max(0, Int(plotting: ((value - range.lowerBound) / span * Double(bins)).rounded(.down))))
        }
        var left = own.lowerBound
        for (limit, count) in zip(histogram.bucketLimits, histogram.bucketCounts) {
            defer { left = max(left, min(limit, own.upperBound)) }
            guard count > 0, count.isFinite else { continue }
            let right = min(limit, own.upperBound)
            let low = max(left, own.lowerBound)
            let high = max(low, right)
            let first = bin(low)
            let last = bin(high)
            if first == last || span <= 0 {
                result[first] += count
                continue
            }
            let width = high - low
            for index in first...last {
                let binLow = range.lowerBound + Double(index) * span / Double(bins)
                let binHigh = binLow + span / Double(bins)
                let overlap = max(0, min(high, binHigh) - max(low, binLow))
                result[index] += width > 0 ? count * overlap / width : count / Double(last - first + 1)
            }
        }
        return result
    }

    /// Values the buckets do not account for (NaN is never bucketed) and counts in infinite buckets.
    static func nonFinite(_ histogram: Histogram) -> (nan: Double, inf: Double) {
        let bucketed = histogram.bucketCounts.reduce(0, +)
        var inf = 0.0
        for (limit, count) in zip(histogram.bucketLimits, histogram.bucketCounts) where limit.isInfinite { inf += count }
        if histogram.max.isInfinite || histogram.min.isInfinite { inf = max(inf, 1) }
        return (max(0, (histogram.count - bucketed).rounded()), inf)
    }
}
