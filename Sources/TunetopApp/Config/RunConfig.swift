/// Everything a training run needs, resolved and validated: what a config file says, with
/// defaults filled in and command-line overrides applied. `RunConfig.default` is the
/// bundled digits MLP, so `tunetop` with no file needs nothing.
public struct RunConfig: Sendable, Equatable {
    /// `[data]`.
    public var data = DataSettings()
    /// `[[model.layers]]`, input to output.
    public var layers: [LayerSpec]
    /// `[loss]`.
    public var loss: LossSettings = .crossEntropy(labelSmoothing: 0, classWeights: nil)
    /// `[optimizer]`.
    public var optimizer = OptimizerSettings(.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: 1e-3)
    /// `[regularization]`.
    public var regularization = RegularizationSettings()
    /// `[schedule]`.
    public var schedule = ScheduleSettings()
    /// `[plateau]`; nil: off.
    public var plateau: PlateauSettings?
    /// `[early_stopping]`; nil: off.
    public var earlyStopping: EarlyStoppingSettings? = EarlyStoppingSettings()
    /// `nan_policy`.
    public var nanPolicy: NaNPolicy = .stop
    /// `probe_every`: steps between per-layer statistics (histograms, norms, ratios).
    public var probeEvery = 100
    /// `eval_every`: steps between validation passes; 0: at the end of each epoch.
    public var evalEvery = 0
    /// `epochs`.
    public var epochs = 20
    /// `batch_size`.
    public var batchSize = 32
    /// `seed`: drives initialization, the split, shuffling, dropout and augmentation.
    public var seed: UInt64 = 42
    /// `[dashboard]`.
    public var dashboard = DashboardSettings()

    /// A config with the given layers and every other setting at its default.
    public init(layers: [LayerSpec]) {
        self.layers = layers
    }

    /// The bundled default: a 64-128-64-10 ReLU MLP on digits, trained with Adam.
    public static let `default` = RunConfig(layers: [
        LayerSpec(.dense(units: 128)), LayerSpec(.relu),
        LayerSpec(.dense(units: 64)), LayerSpec(.relu),
        LayerSpec(.dense(units: 10)),
    ])
}
