import Datasets
import Engine
import Training

/// Everything a trainer needs, built from a validated `RunConfig`.
public struct BuiltRun {
    /// The network, layers named per kind (`dense1`, `relu1`, `conv1`, …).
    public var model: Sequential
    /// The update rule with the config's regularization.
    public var optimizer: Optimizer
    /// The training objective.
    public var loss: any Loss
    /// The training split, normalized.
    public var train: Dataset
    /// The validation split, normalized with the training split's statistics.
    public var validation: Dataset
    /// The statistics fitted on the training split (stored with checkpoints).
    public var normalization: NormalizationStats
    /// Epochs, batch size, seed, schedule, plateau, early stopping, NaN policy, probe and
    /// evaluation strides, augmentation; the caller adds the checkpoint directory.
    public var trainerConfig: TrainerConfig
    /// Random transforms for training batches (identity when the config has none); also
    /// set in `trainerConfig.augmentation`, which the trainer applies.
    public var augmentation: Augmentation
}

/// Turns a `RunConfig` into engine objects and data. Seeds are derived from `config.seed`
/// in separate streams (split, initialization, dropout), so changing one layer's dropout
/// does not reshuffle the split.
public enum RunBuilder {
    /// Loads and splits the data, builds the model from the real feature shape, and the
    /// optimizer and loss. `sampleData` is the bundled `sample-data/` folder, where the
    /// default data sets and relative paths not found in the working directory live.
    public static func build(_ config: RunConfig, sampleData: String) throws -> BuiltRun {
        var seeds = SeededRNG(seed: config.seed)
        let splitSeed = seeds.next()
        var initRNG = seeds.split()
        let data = try RunData.load(config, sampleData: sampleData, splitSeed: splitSeed)
        let model = try ModelFactory.make(
            config.layers, inputShape: data.train.featureShape, classCount: data.train.classCount, config: config,
            rng: &initRNG)
        let settings = config.data.augmentation
        let augmentation = Augmentation(
            horizontalFlip: settings.flip, cropPadding: settings.cropPadding, maxShift: settings.maxShift,
            maxRotationDegrees: Float(settings.maxRotationDegrees), noiseStd: Float(settings.noiseStd))
        var trainerConfig = TrainerSettingsFactory.make(config, trainCount: data.train.count)
        trainerConfig.augmentation = augmentation.isIdentity ? nil : augmentation
        // What `Trainer.init` would refuse, refused now: callers create the run directory
        // after `build`, so a run that cannot start leaves nothing behind.
        try trainerConfig.validate()
        return BuiltRun(
            model: model,
            optimizer: try OptimizationFactory.optimizer(config),
            loss: try OptimizationFactory.loss(config, train: data.train, balancedWeights: data.classWeights),
            train: data.train, validation: data.validation, normalization: data.normalization,
            trainerConfig: trainerConfig, augmentation: augmentation)
    }
}
