/// Reduce-on-plateau settings, with Keras's `ReduceLROnPlateau` semantics on the validation
/// loss (mode "min"): an evaluation improves when `loss < best − minDelta`; after
/// `patience` evaluations without improvement the LR becomes `max(lr × factor, minLR)`,
/// then `cooldown` evaluations pass before counting resumes.
///
/// Differences from Keras, on purpose: `minDelta` is absolute (as in Keras, not PyTorch's
/// relative default); and `stopAtMinimum` adds the tuning guide's mode — "instead of
/// stopping, halve the LR and continue, until the minimum LR": a plateau reached while the
/// LR is already at `minLR` ends the run (`early_stop`) instead of doing nothing.
public struct PlateauConfig: Sendable, Equatable, Codable {
    /// Multiplier applied on a plateau, in (0, 1).
    public var factor: Float
    /// Evaluations without improvement before reducing.
    public var patience: Int
    /// Smallest decrease of the val loss that counts as improvement.
    public var minDelta: Double
    /// Evaluations after a reduction during which no plateau is counted.
    public var cooldown: Int
    /// The LR never goes below this.
    public var minLR: Float
    /// When true, a plateau at `minLR` stops the run (the tuning guide's mode).
    public var stopAtMinimum: Bool

    /// Keras's defaults: factor 0.1, patience 10, min_delta 1e-4, cooldown 0, min_lr 0.
    public init(
        factor: Float = 0.1, patience: Int = 10, minDelta: Double = 1e-4, cooldown: Int = 0,
        minLR: Float = 0, stopAtMinimum: Bool = false
    ) {
        self.factor = factor
        self.patience = patience
        self.minDelta = minDelta
        self.cooldown = cooldown
        self.minLR = minLR
        self.stopAtMinimum = stopAtMinimum
    }

    /// The tuning guide's mode: halve on every plateau, stop once the LR is at `minLR`.
    public static func halveUntilMinimum(patience: Int, minLR: Float, minDelta: Double = 1e-4) -> PlateauConfig {
        PlateauConfig(factor: 0.5, patience: patience, minDelta: minDelta, minLR: minLR, stopAtMinimum: true)
    }

    /// Throws with the offending value.
    public func validate() throws {
        guard factor > 0, factor < 1 else {
            throw TrainingError.invalidConfig(name: "plateau.factor", value: "\(factor)", allowed: "in (0, 1)")
        }
        guard patience >= 0 else {
            throw TrainingError.invalidConfig(name: "plateau.patience", value: "\(patience)", allowed: ">= 0")
        }
        guard minDelta >= 0 else {
            throw TrainingError.invalidConfig(name: "plateau.minDelta", value: "\(minDelta)", allowed: ">= 0")
        }
        guard cooldown >= 0 else {
            throw TrainingError.invalidConfig(name: "plateau.cooldown", value: "\(cooldown)", allowed: ">= 0")
        }
        guard minLR >= 0 else {
            throw TrainingError.invalidConfig(name: "plateau.minLR", value: "\(minLR)", allowed: ">= 0")
        }
    }
}

/// What reduce-on-plateau decided after an evaluation.
public enum PlateauDecision: Sendable, Equatable {
    /// Nothing to do.
    case keep
    /// Set the LR to this value.
    case reduce(to: Float)
    /// The LR is at its minimum and the loss still stalls (only with `stopAtMinimum`).
    case stop
}

/// Keras's `ReduceLROnPlateau` as a value: feed it each validation loss and the LR in use.
public struct PlateauTracker: Sendable, Equatable, Codable {
    /// The settings.
    public let config: PlateauConfig
    /// Best val loss so far.
    public private(set) var best: Double = .infinity
    /// Evaluations since the last improvement (Keras's `wait`).
    public private(set) var wait = 0
    /// Evaluations of cooldown left.
    public private(set) var cooldownLeft = 0

    /// A fresh tracker.
    public init(config: PlateauConfig) {
        self.config = config
    }

    /// Keras's `on_epoch_end`, in its order: cooldown ticks first, an improvement resets
    /// the wait, otherwise (outside cooldown) the wait grows and may trigger a reduction.
    public mutating func observe(valLoss: Double, learningRate: Float) -> PlateauDecision {
        if cooldownLeft > 0 {
            cooldownLeft -= 1
            wait = 0
        }
        if valLoss < best - config.minDelta {
            best = valLoss
            wait = 0
            return .keep
        }
        guard cooldownLeft == 0 else { return .keep }
        wait += 1
        guard wait >= config.patience else { return .keep }
        // Keras compares in float32 with a small epsilon so a rate equal to min_lr counts
        // as "at the minimum".
        if learningRate > config.minLR * (1 + 1e-6) + Float.leastNormalMagnitude {
            wait = 0
            cooldownLeft = config.cooldown
            return .reduce(to: max(learningRate * config.factor, config.minLR))
        }
        return config.stopAtMinimum ? .stop : .keep
    }

    /// Forget the wait after an LR change made elsewhere (a key press), so a manual halving
    /// gets a full patience window before the tracker halves again.
    public mutating func noteManualChange() {
        wait = 0
    }
}
