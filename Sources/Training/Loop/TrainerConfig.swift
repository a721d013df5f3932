import Datasets

/// Everything the training loop needs besides the model, data and sink. Only the epochs,
/// batch size, seed and learning rate are essential; the rest has defaults a user would
/// expect.
public struct TrainerConfig: Sendable {
    /// Passes over the training set.
    public var epochs: Int
    /// Examples per step.
    public var batchSize: Int
    /// Seeds shuffling, dropout masks and augmentation (recorded in the run).
    public var seed: UInt64
    /// The base learning rate the schedule starts from.
    public var learningRate: Float
    /// The LR schedule (manual changes scale it; see `LearningRateState`).
    public var schedule: LRSchedule
    /// Reduce-on-plateau on the val loss; nil for none.
    public var plateau: PlateauConfig?
    /// Early stopping on the val loss; nil for none.
    public var earlyStopping: EarlyStoppingConfig?
    /// What a NaN/Inf loss or gradient does.
    public var nonFinitePolicy: NonFinitePolicy
    /// Consecutive roll-backs (without a finite step in between) before giving up.
    public var maxRollbacks: Int
    /// Steps between per-layer probes. 100 keeps probes under 3% of step time on the
    /// digits MLP (measured by `tunetop bench probe_overhead`); 0 turns them off.
    public var probeEvery: Int
    /// Histogram buckets per probe histogram.
    public var histogramBuckets: Int
    /// Evaluate every this many steps as well as at each epoch end; nil for epochs only.
    public var evalEverySteps: Int?
    /// Where checkpoints go (`last.ckpt`, `best.ckpt`); nil keeps them in memory only.
    public var checkpointDirectory: String?
    /// Write `last.ckpt` at every epoch end (when a directory is set).
    public var checkpointEveryEpoch: Bool
    /// Events the live buffer holds before dropping old histograms, then old scalars.
    public var liveBufferCapacity: Int
    /// Record `train/loss`, `train/accuracy` and `lr` every this many steps (1 = all).
    public var logEvery: Int
    /// Optional per-class weights of the loss, index = class (class balancing).
    public var classWeights: [Float]?
    /// Applied to each training batch (never to validation), drawing from the trainer's
    /// checkpointed RNG so a resumed run augments exactly as the original would have.
    public var augmentation: Augmentation?

    /// A config with defaults for everything but the essentials.
    public init(
        epochs: Int, batchSize: Int, seed: UInt64, learningRate: Float,
        schedule: LRSchedule = .constant, plateau: PlateauConfig? = nil, earlyStopping: EarlyStoppingConfig? = nil,
        nonFinitePolicy: NonFinitePolicy = .stop, maxRollbacks: Int = 3, probeEvery: Int = 100,
        histogramBuckets: Int = HistogramBuilder.defaultBucketCount, evalEverySteps: Int? = nil,
        checkpointDirectory: String? = nil, checkpointEveryEpoch: Bool = true, liveBufferCapacity: Int = 20_000,
        logEvery: Int = 1, classWeights: [Float]? = nil, augmentation: Augmentation? = nil
    ) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.seed = seed
        self.learningRate = learningRate
        self.schedule = schedule
        self.plateau = plateau
        self.earlyStopping = earlyStopping
        self.nonFinitePolicy = nonFinitePolicy
        self.maxRollbacks = maxRollbacks
        self.probeEvery = probeEvery
        self.histogramBuckets = histogramBuckets
        self.evalEverySteps = evalEverySteps
        self.checkpointDirectory = checkpointDirectory
        self.checkpointEveryEpoch = checkpointEveryEpoch
        self.liveBufferCapacity = liveBufferCapacity
        self.logEvery = logEvery
        self.classWeights = classWeights
        self.augmentation = augmentation
    }

    /// Checks every number; throws naming the first bad one.
    public func validate() throws {
        func check(_ ok: Bool, _ name: String, _ value: Any, _ allowed: String) throws {
            if !ok { throw TrainingError.invalidConfig(name: name, value: "\(value)", allowed: allowed) }
        }
        try check(epochs >= 1, "epochs", epochs, ">= 1")
        try check(batchSize >= 1, "batchSize", batchSize, ">= 1")
        try check(learningRate >= 0 && learningRate.isFinite, "learningRate", learningRate, ">= 0, finite")
        try check(probeEvery >= 0, "probeEvery", probeEvery, ">= 0")
        try check(histogramBuckets >= 1, "histogramBuckets", histogramBuckets, ">= 1")
        try check(evalEverySteps.map { $0 >= 1 } ?? true, "evalEverySteps", evalEverySteps as Any, ">= 1")
        try check(maxRollbacks >= 0, "maxRollbacks", maxRollbacks, ">= 0")
        try check(liveBufferCapacity >= 1, "liveBufferCapacity", liveBufferCapacity, ">= 1")
        try check(logEvery >= 1, "logEvery", logEvery, ">= 1")
        try schedule.validate()
        try plateau?.validate()
        try earlyStopping?.validate()
        try augmentation?.validate()
    }
}
