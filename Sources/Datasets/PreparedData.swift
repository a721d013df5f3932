import Engine

/// How class imbalance in the training split is compensated.
public enum ClassBalanceMode: String, Codable, Sendable, CaseIterable {
    /// Train on the data as it is.
    case none
    /// Weight the loss per class (`PreparedData.classWeights`).
    case weights
    /// Repeat rare classes' examples in the training split.
    case oversample
}

/// A dataset split and prepared for training, in the one order that avoids leaks: split
/// first, fit normalization on the training part only, apply it to both parts, and
/// rebalance only the training part (validation keeps the true class mix).
public struct PreparedData: Sendable {
    /// The (normalized, possibly oversampled) training split.
    public var train: Dataset
    /// The normalized validation split; empty when the fraction is 0.
    public var validation: Dataset
    /// The statistics applied to both splits; store them with the run.
    public var normalization: NormalizationStats
    /// Per-class loss weights under `.weights`, else nil.
    public var classWeights: [Float]?

    /// Splits `dataset` (stratified, seeded), normalizes with training statistics, then
    /// rebalances the training split. Oversampling draws from a generator derived from `seed`.
    public init(
        _ dataset: Dataset, validationFraction: Double, seed: UInt64, normalization mode: NormalizationMode,
        classBalance: ClassBalanceMode = .none
    ) throws {
        var (train, validation) = try dataset.stratifiedSplit(validationFraction: validationFraction, seed: seed)
        let stats = NormalizationStats.fit(train, mode: mode)
        try stats.apply(to: &train)
        try stats.apply(to: &validation)
        switch classBalance {
        case .none:
            classWeights = nil
        case .weights:
            classWeights = ClassBalance.weights(labels: train.labels, classCount: train.classCount)
        case .oversample:
            var rng = SeededRNG(seed: seed ^ 0x6F76_6572_7361_6D70)  // "oversamp": independent of the split's draws
            train = ClassBalance.oversample(train, rng: &rng)
            classWeights = nil
        }
        self.train = train
        self.validation = validation
        self.normalization = stats
    }
}
