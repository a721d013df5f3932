/// The learning rate the trainer uses: the schedule's value times a multiplier that every
/// manual change folds into.
///
/// Why a multiplier: a user who halves the LR in the middle of a cosine schedule wants the
/// rest of the cosine at half height, not the schedule to snap back at the next step, and
/// not the schedule to be thrown away. So `×f` multiplies the multiplier by `f`, and "set
/// LR to x" picks the multiplier that makes the current step's rate exactly `x`; from then
/// on the schedule's shape continues, scaled. Reduce-on-plateau and roll-back-and-halve
/// go through the same path, so every change composes the same way.
public struct LearningRateState: Sendable, Equatable, Codable {
    /// The schedule in force.
    public var schedule: LRSchedule
    /// The configured base rate the schedule starts from.
    public var baseRate: Float
    /// Planned length of the run, which cosine / linear / one-cycle need.
    public var totalSteps: Int
    /// Product of every manual and automatic change so far (1 when none).
    public private(set) var multiplier: Float = 1

    /// A state following `schedule` from `baseRate`, unscaled.
    public init(schedule: LRSchedule, baseRate: Float, totalSteps: Int) {
        self.schedule = schedule
        self.baseRate = baseRate
        self.totalSteps = totalSteps
    }

    /// The rate to use at `step`.
    public func rate(atStep step: Int) -> Float {
        schedule.rate(atStep: step, base: baseRate, totalSteps: totalSteps) * multiplier
    }

    /// Scales the rate from `step` on by `factor`.
    public mutating func scale(by factor: Float) {
        multiplier *= factor
    }

    /// Makes the rate at `step` exactly `rate`; later steps follow the schedule scaled by
    /// the same ratio. When the schedule is 0 at this step (nothing to scale), the base
    /// rate is the reference instead.
    public mutating func set(_ rate: Float, atStep step: Int) {
        let scheduled = schedule.rate(atStep: step, base: baseRate, totalSteps: totalSteps)
        let reference = scheduled > 0 ? scheduled : baseRate
        multiplier = reference > 0 ? rate / reference : 1
    }
}
