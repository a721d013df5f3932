/// TensorBoard's scalar smoothing: an exponential moving average debiased by
/// 1 − weight^n, so the first points are not pulled towards zero. Non-finite values pass
/// through unsmoothed and do not disturb the average (as in TensorBoard).
struct DebiasedEMA: Sendable {
    /// 0 shows the raw values; close to 1 smooths heavily.
    let weight: Double
    private var accumulated = 0.0
    /// weight^n for the n finite values seen so far.
    private var power = 1.0

    init(weight: Double) {
        self.weight = min(0.999, max(0, weight))
    }

    /// The smoothed value after `value`.
    mutating func next(_ value: Double) -> Double {
        guard value.isFinite else { return value }
        accumulated = accumulated * weight + (1 - weight) * value
        power *= weight
        return accumulated / (1 - power)
    }
}
