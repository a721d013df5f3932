/// `[schedule]`: how the learning rate moves over the run, before any key press or
/// plateau rule changes it.
public struct ScheduleSettings: Sendable, Equatable {
    /// The curve after warmup.
    public enum Curve: Sendable, Equatable {
        case constant
        /// Multiply by `gamma` every `stepSize` epochs.
        case step(stepSize: Int, gamma: Double)
        /// Multiply by `gamma` every epoch (smoothly, a little each step).
        case exponential(gamma: Double)
        /// Linear warmup over `warmupSteps`, then a half cosine from the initial rate down
        /// to `minLR` at the last step.
        case cosine(minLR: Double, warmupSteps: Int)
        /// Straight line from the initial rate to `endLR` at the last step.
        case linear(endLR: Double)
        /// PyTorch's OneCycleLR: from `maxLR / 25` up to `maxLR` over the first `pctStart`
        /// of the run, then down to nearly zero. `maxLR` defaults to `learning_rate`.
        case oneCycle(maxLR: Double, pctStart: Double)
    }

    /// The `kind` words.
    public enum Name: String, ConfigChoice {
        case constant, step, exponential, cosine, linear
        case oneCycle = "one_cycle"
    }

    /// The curve.
    public var curve: Curve = .constant

    /// A schedule; constant by default.
    public init(_ curve: Curve = .constant) {
        self.curve = curve
    }

    /// The word written as `kind = "…"`.
    public var name: Name {
        switch curve {
        case .constant: return .constant
        case .step: return .step
        case .exponential: return .exponential
        case .cosine: return .cosine
        case .linear: return .linear
        case .oneCycle: return .oneCycle
        }
    }
}
