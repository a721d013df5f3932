import Telemetry

/// A histogram of a tensor's finite values plus the non-finite ones counted apart: a NaN
/// has no bucket, and one Inf would stretch equal-width buckets until every finite value
/// fell into one.
public struct ProbeHistogram: Sendable, Equatable {
    /// The finite values, in equal-width buckets; nil when there were none.
    public var histogram: Histogram?
    /// NaN values seen.
    public var nanCount: Int
    /// +Inf and −Inf values seen.
    public var infinityCount: Int

    /// NaN and Inf together.
    public var nonFiniteCount: Int { nanCount + infinityCount }
}

/// Builds bounded histograms from Float buffers.
public enum HistogramBuilder {
    /// The default bucket count: enough to see shape and skew in a terminal panel (about
    /// 30 columns), and a fixed event size whatever the layer's width.
    public static let defaultBucketCount = 30

    /// Equal-width buckets from the finite minimum to the finite maximum, in TensorBoard's
    /// convention (bucket `i` holds `(limit[i-1], limit[i]]`, the first is open to the left).
    /// Sum and sum of squares accumulate in Double.
    public static func build(_ values: [Float], bucketCount: Int = defaultBucketCount) -> ProbeHistogram {
        values.withUnsafeBufferPointer { build($0, bucketCount: bucketCount) }
    }

    /// The same over a buffer (no copy of a tensor's storage).
    public static func build(_ values: UnsafeBufferPointer<Float>, bucketCount: Int = defaultBucketCount) -> ProbeHistogram {
        var nan = 0, inf = 0, finite = 0
        var low = Float.infinity, high = -Float.infinity
        var sum = 0.0, sumSquares = 0.0
        for value in values {
            if value.isNaN { nan += 1; continue }
            if value.isInfinite { inf += 1; continue }
            finite += 1
            low = min(low, value)
            high = max(high, value)
            let wide = Double(value)
            sum += wide
            sumSquares += wide * wide
        }
        guard finite > 0 else { return ProbeHistogram(histogram: nil, nanCount: nan, infinityCount: inf) }
        let buckets = high > low ? max(1, bucketCount) : 1
        let width = (Double(high) - Double(low)) / Double(buckets)
        var limits = (1...buckets).map { Double(low) + width * Double($0) }
        limits[buckets - 1] = Double(high)
        var counts = [Int](repeating: 0, count: buckets)
        let lowWide = Double(low)
        let inverseWidth = width > 0 ? 1 / width : 0
        for value in values where value.isFinite {
            // Multiply by the inverse width: this loop is most of a probe's cost.
            let index = Int(((Double(value) - lowWide) * inverseWidth).rounded(.up)) - 1
            counts[min(buckets - 1, max(0, index))] += 1
        }
        let histogram = Histogram(
            min: Double(low), max: Double(high), count: Double(finite), sum: sum, sumSquares: sumSquares,
            bucketLimits: limits, bucketCounts: counts.map(Double.init))
        return ProbeHistogram(histogram: histogram, nanCount: nan, infinityCount: inf)
    }
}
