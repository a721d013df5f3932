/// Tag names of the run contract (`shared/DESIGN.md`). Other tools rely on these
/// exact strings; change them only together with the README.
public enum Tag {
    public static let trainLoss = "train/loss"
    public static let trainAccuracy = "train/accuracy"
    public static let valLoss = "val/loss"
    public static let valAccuracy = "val/accuracy"
    public static let learningRate = "lr"
    public static let examplesPerSecond = "perf/examples_per_sec"
    public static let control = "events/control"
    public static let advice = "events/advice"
    public static let config = "run/config"
    public static let summary = "run/summary"
    /// The epoch in progress (1-based), logged when an epoch starts; lets any viewer show progress.
    public static let epoch = "progress/epoch"
    /// The total number of steps the run plans, logged at start and whenever it changes.
    public static let totalSteps = "progress/total_steps"
    /// The trainer's state as text: `running`, `paused`, `stopping`, `finished`.
    public static let state = "run/state"
    /// Estimated seconds until the planned last step, from the recent step rate.
    public static let etaSeconds = "perf/eta_seconds"
    /// The LR range test (`tunetop lr-find`): the loss at point `step` of the sweep.
    public static let lrFindLoss = "lr_find/loss"
    /// The LR range test: the rate tried at point `step` of the sweep.
    public static let lrFindRate = "lr_find/lr"
    /// The LR range test: the bias-corrected exponential moving average of the loss.
    public static let lrFindSmoothedLoss = "lr_find/smoothed_loss"
    /// The LR range test's suggestions, JSON `{"steepest":…, "min_over_10":…}`, once at the end.
    public static let lrFindSuggestion = "lr_find/suggestion"
    /// A non-finite loss or gradient: JSON naming the first layer (forward or backward)
    /// with a non-finite value, the step, the LR and the action taken.
    public static let nonFinite = "events/nonfinite"

    /// Per-layer statistics live under `layers/<layer>/<stat>`.
    public static func layer(_ layer: String, _ stat: LayerStat) -> String {
        "layers/\(layer)/\(stat.rawValue)"
    }

    /// Splits `layers/<layer>/<stat>` into its parts; nil for other tags.
    public static func parseLayer(_ tag: String) -> (layer: String, stat: String)? {
        guard tag.hasPrefix("layers/") else { return nil }
        let rest = tag.dropFirst("layers/".count)
        guard let slash = rest.lastIndex(of: "/") else { return nil }
        let layer = String(rest[..<slash])
        let stat = String(rest[rest.index(after: slash)...])
        guard !layer.isEmpty, !stat.isEmpty else { return nil }
        return (layer, stat)
    }
}

/// The per-layer statistics a probe records.
public enum LayerStat: String, Sendable, CaseIterable {
    case updateRatio = "update_ratio"
    case gradNorm = "grad_norm"
    case weightNorm = "weight_norm"
    case deadFraction = "dead_fraction"
    case saturatedFraction = "saturated_fraction"
    case activations
    case gradients
    case weights
    /// Output layer only: mean over the batch of the largest softmax probability
    /// (1/classes = chance, 1 = certain).
    case topProbability = "top_probability"
    /// Count of NaN/±Inf activations at a probe (not binned in the histogram); only
    /// recorded when non-zero.
    case nonFiniteActivations = "nonfinite_activations"
    /// Count of NaN/±Inf gradients at a probe; only recorded when non-zero.
    case nonFiniteGradients = "nonfinite_gradients"
    /// Count of NaN/±Inf weights at a probe; only recorded when non-zero.
    case nonFiniteWeights = "nonfinite_weights"
}
