import Foundation

/// Axis ticks people can read: steps of 1, 2 or 5 times a power of ten, and decades on a
/// log axis (with 2 and 5 between them when there are few decades).
public enum NiceScale {
    /// The 1-2-5 step nearest above `rough`.
    public static func niceStep(_ rough: Double) -> Double {
        guard rough.isFinite, rough > 0 else { return 1 }
        let power = pow(10, floor(log10(rough)))
        let fraction = rough / power
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * power
    }

    /// Tick values covering `lower...upper` with at most about `maxCount` ticks.
    public static func ticks(lower: Double, upper: Double, maxCount: Int) -> [Double] {
        guard lower.isFinite, upper.isFinite, upper > lower, maxCount >= 2 else {
            return lower.isFinite ? [lower] : []
        }
        let step = niceStep((upper - lower) / Double(maxCount - 1))
        var ticks: [Double] = []
        var value = ceil(lower / step - 1e-9) * step
        while value <= upper + step * 1e-9 && ticks.count < 1000 {
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        return ticks
    }

    /// The range widened outwards to multiples of the tick step, so the axis ends on labels.
    public static func niceRange(lower: Double, upper: Double, maxCount: Int) -> ClosedRange<Double> {
        guard lower.isFinite, upper.isFinite, upper > lower, maxCount >= 2 else { return lower...upper }
        let step = niceStep((upper - lower) / Double(maxCount - 1))
        return (floor(lower / step + 1e-9) * step)...(ceil(upper / step - 1e-9) * step)
    }

    /// Ticks for a log axis over positive `lower...upper`: decades, plus 2× and 5× when few.
    public static func logTicks(lower: Double, upper: Double, maxCount: Int) -> [Double] {
        guard lower > 0, upper > lower, lower.isFinite, upper.isFinite else { return [] }
        let first = Int(floor(log10(lower)))
        let last = Int(ceil(log10(upper)))
        let decades = max(1, last - first)
        let multipliers: [Double] = decades * 3 <= maxCount ? [1, 2, 5] : [1]
        let stride = max(1, Int((Double(decades) / Double(max(1, maxCount - 1))).rounded(.up)))
        var ticks: [Double] = []
        var exponent = first
        while exponent <= last {
            for m in multipliers {
                let value = m * pow(10, Double(exponent))
                if value >= lower * (1 - 1e-9) && value <= upper * (1 + 1e-9) { ticks.append(value) }
            }
            exponent += stride
        }
        return ticks
    }
}
