/// `[schedule]`: how the learning rate moves over the run, before any key press or
/// plateau rule changes it.
public struct ScheduleSettings: Sendable, Equatable {
    /// The curve after warmup.
    public enum Curve: Sendable, Equatable {
        case constant
        /// Multiply by `gamma` every `stepSize` epochs.
        case step(stepSize: Int, gamma: Double)
        /// Multiply by `gamma` every epoch.
        case exponential(gamma: Double)
        /// Cosine from the initial rate down to `minLR` at the last step.
        case cosine(minLR: Double)
        /// Straight line from the initial rate to `endLR` at the last step.
        case linear(endLR: Double)
        /// Rise to `maxLR` over the first `pctStart` of the run, then anneal to near zero.
        case oneCycle(maxLR: Double, pctStart: Double)
    }

    /// The `kind` words.
    public enum Name: String, ConfigChoice {
        case constant, step, exponential, cosine, linear
        case oneCycle = "one_cycle"
    }

    /// The curve.
    public var curve: Curve = .constant
    /// Steps of linear warmup from 0 to the initial rate (0: none).
    public var warmupSteps = 0

    /// A constant rate without warmup.
    public init(_ curve: Curve = .constant, warmupSteps: Int = 0) {
        self.curve = curve
        self.warmupSteps = warmupSteps
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
