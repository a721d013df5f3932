import Foundation

/// The per-layer numbers a probe records, as plain functions of Float buffers so each can
/// be checked against a direct computation. Accumulation is in Double: a layer can hold
/// millions of values and Float sums of squares lose the small ones.
public enum ProbeMath {
    /// Saturation margin as a fraction of a saturating unit's output range: a tanh output
    /// with |y| ≥ 0.98, or a sigmoid output ≤ 0.01 or ≥ 0.99, counts as saturated. There
    /// the unit's derivative is at most ~4% of its peak (tanh: 1 − 0.98² = 0.04; sigmoid:
    /// 0.99 × 0.01 ≈ 0.0099 of 0.25), so almost no gradient flows back through it.
    public static let saturationMargin: Double = 0.01

    /// Euclidean norm of the finite values, NaN if any value is not finite (a norm that
    /// hides a NaN would hide the problem the probe exists to show).
    public static func l2Norm(_ values: [Float]) -> Double {
        sqrt(sumOfSquares(values))
    }

    /// Σ x² in Double (NaN when any value is non-finite).
    public static func sumOfSquares(_ values: [Float]) -> Double {
        var total = 0.0
        for value in values {
            let wide = Double(value)
            total += wide * wide
        }
        return total
    }

    /// ‖after − before‖ / ‖before‖: the size of the last update relative to the weights
    /// (healthy around 1e-3). 0 when nothing changed, +Inf when weights were all zero and moved.
    public static func updateRatio(before: [Float], after: [Float]) -> Double {
        precondition(before.count == after.count, "updateRatio: \(before.count) vs \(after.count) values")
        var delta = 0.0, base = 0.0
        for index in before.indices {
            let old = Double(before[index])
            let change = Double(after[index]) - old
            delta += change * change
            base += old * old
        }
        if delta == 0 { return 0 }
        return base > 0 ? sqrt(delta) / sqrt(base) : .infinity
    }

    /// Fraction of units that output ≤ 0 for every example of the batch (a ReLU-family
    /// unit that never fires passes no gradient). `values` is `[N, units…]` row-major;
    /// each of the `count / batchSize` positions is a unit.
    public static func deadFraction(_ values: [Float], batchSize: Int) -> Double {
        guard batchSize > 0, values.count >= batchSize, values.count % batchSize == 0 else { return 0 }
        let units = values.count / batchSize
        var alive = [Bool](repeating: false, count: units)
        for example in 0..<batchSize {
            let row = example * units
            for unit in 0..<units where values[row + unit] > 0 {
                alive[unit] = true
            }
        }
        return Double(alive.lazy.filter { !$0 }.count) / Double(units)
    }

    /// Fraction of a saturating layer's outputs (over units and examples) within
    /// `saturationMargin` of the output range `[lower, upper]` from either bound.
    public static func saturatedFraction(_ values: [Float], lower: Float, upper: Float) -> Double {
        guard !values.isEmpty, upper > lower else { return 0 }
        let margin = Double(upper - lower) * saturationMargin
        let low = Double(lower) + margin, high = Double(upper) - margin
        var saturated = 0
        for value in values {
            let wide = Double(value)
            if wide <= low || wide >= high { saturated += 1 }
        }
        return Double(saturated) / Double(values.count)
    }

    /// Mean over the batch of the largest softmax probability of each row of `[N, C]`
    /// logits: 1/C is a model at chance, near 1 a confident one.
    public static func meanTopProbability(logits: [Float], classCount: Int) -> Double {
        guard classCount > 0, !logits.isEmpty, logits.count % classCount == 0 else { return .nan }
        let rows = logits.count / classCount
        var total = 0.0
        for row in 0..<rows {
            let base = row * classCount
            var top = -Double.infinity
            for column in 0..<classCount { top = max(top, Double(logits[base + column])) }
            var denominator = 0.0
            for column in 0..<classCount { denominator += exp(Double(logits[base + column]) - top) }
            total += 1 / denominator
        }
        return total / Double(rows)
    }

    /// Index of the first non-finite value, nil if all are finite.
    public static func firstNonFinite(_ values: [Float]) -> Int? {
        values.firstIndex { !$0.isFinite }
    }
}
