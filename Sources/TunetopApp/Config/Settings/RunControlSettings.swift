/// `[plateau]`: reduce the LR when validation loss stops improving. Present (and not
/// `enabled = false`) means on.
public struct PlateauSettings: Sendable, Equatable {
    /// Multiply the LR by this on a plateau.
    public var factor = 0.5
    /// Evaluations without improvement before reducing.
    public var patience = 3
    /// Decrease of the val loss that counts as improvement (absolute, as Keras).
    public var minDelta = 1e-4
    /// Evaluations to wait after a reduction before counting again.
    public var cooldown = 0
    /// Never reduce below this.
    public var minLR = 1e-6
    /// When the LR already sits at `minLR` and the loss still stalls, stop the run
    /// (end reason `early_stop`) instead of waiting for the epochs to run out.
    public var halveUntilMin = false

    /// The usual settings: halve after 3 flat evaluations.
    public init() {}
}

/// `[early_stopping]`: stop when validation loss stops improving. Present (and not
/// `enabled = false`) means on.
public struct EarlyStoppingSettings: Sendable, Equatable {
    /// Evaluations without improvement before stopping.
    public var patience = 5
    /// Absolute improvement that counts.
    public var minDelta = 0.0
    /// Put back the weights of the best evaluation when stopping.
    public var restoreBest = true

    /// Stop after 5 flat evaluations, keeping the best weights.
    public init() {}
}

/// What to do when the loss becomes NaN or infinite.
public enum NaNPolicy: String, ConfigChoice {
    /// End the run as `diverged` (exit status 3).
    case stop
    /// Restore the last good checkpoint with the LR halved and continue.
    case rollback
}

/// `[dashboard]`: how the live view looks.
public struct DashboardSettings: Sendable, Equatable {
    /// A theme from `themes/`: the `name =` inside a file or the file's stem; `default` is dark.
    public var theme = "default"
    /// Exponential smoothing of the train-loss line, in [0, 1).
    public var smoothing = 0.6

    /// The default theme, moderate smoothing.
    public init() {}
}
