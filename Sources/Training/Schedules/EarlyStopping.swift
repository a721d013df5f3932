/// Early-stopping settings with Keras's `EarlyStopping` semantics on the validation loss:
/// an evaluation improves when `loss < best − minDelta`; the run stops once `patience`
/// evaluations in a row did not improve; with `restoreBestWeights` the model ends with the
/// weights of the best evaluation.
public struct EarlyStoppingConfig: Sendable, Equatable, Codable {
    /// Evaluations without improvement before stopping.
    public var patience: Int
    /// Smallest decrease that counts as improvement (absolute).
    public var minDelta: Double
    /// Whether the run ends with the best evaluation's weights.
    public var restoreBestWeights: Bool

    /// Creates a config.
    public init(patience: Int, minDelta: Double = 0, restoreBestWeights: Bool = true) {
        self.patience = patience
        self.minDelta = minDelta
        self.restoreBestWeights = restoreBestWeights
    }

    /// Throws with the offending value.
    public func validate() throws {
        guard patience >= 0 else {
            throw TrainingError.invalidConfig(name: "earlyStopping.patience", value: "\(patience)", allowed: ">= 0")
        }
        guard minDelta >= 0 else {
            throw TrainingError.invalidConfig(name: "earlyStopping.minDelta", value: "\(minDelta)", allowed: ">= 0")
        }
    }
}

/// What early stopping decided after an evaluation.
public enum EarlyStoppingDecision: Sendable, Equatable {
    /// A new best: remember these weights.
    case improved
    /// No improvement yet within patience.
    case wait
    /// Patience ran out.
    case stop
}

/// Keras's `EarlyStopping` as a value.
public struct EarlyStoppingTracker: Sendable, Equatable, Codable {
    /// The settings.
    public let config: EarlyStoppingConfig
    /// Best val loss so far.
    public private(set) var best: Double = .infinity
    /// Evaluations since the last improvement.
    public private(set) var wait = 0
    /// Evaluations seen.
    public private(set) var evaluations = 0

    /// A fresh tracker.
    public init(config: EarlyStoppingConfig) {
        self.config = config
    }

    /// Keras's `on_epoch_end`: the wait grows, an improvement resets it, and the run stops
    /// when the wait reaches the patience — never at the first evaluation (Keras's
    /// `epoch > 0`), so `patience: 0` means "stop at the first evaluation that does not
    /// improve".
    public mutating func observe(valLoss: Double) -> EarlyStoppingDecision {
        evaluations += 1
        wait += 1
        if valLoss < best - config.minDelta {
            best = valLoss
            wait = 0
            return .improved
        }
        return wait >= config.patience && evaluations > 1 ? .stop : .wait
    }
}
