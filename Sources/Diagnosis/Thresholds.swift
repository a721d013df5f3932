/// The numbers behind the doctor's rules. Defaults follow the common tuning guides:
/// update/weight ratios near 1e-3 (CS231n), halve the LR after a few evaluations without
/// improvement (Keras ReduceLROnPlateau, patience in evaluations).
public struct DoctorThresholds: Sendable, Equatable {
    /// Evaluations without a val-loss improvement before the plateau rule speaks.
    public var plateauPatience = 3
    /// Relative improvement of val loss that counts as progress.
    public var plateauMinRelativeDelta = 1e-3
    /// Consecutive evaluations of rising val loss (with train loss falling) that mean overfitting.
    public var overfitEvaluations = 2
    /// Update/weight ratio above which a layer's LR is too high.
    public var updateRatioHigh = 1e-2
    /// Update/weight ratio below which a layer's LR is too low.
    public var updateRatioLow = 1e-4
    /// Consecutive probes a layer statistic must stay out of range before the rule speaks.
    public var probePersistence = 3
    /// Fraction of dead units that marks a layer as dying.
    public var deadFraction = 0.5
    /// Fraction of saturated units that marks a layer as saturated.
    public var saturatedFraction = 0.5
    /// Smallest/largest layer gradient norm at one probe below which gradients vanish.
    public var vanishingSpread = 1e-4
    /// Growth of a layer's gradient norm over its running median that means exploding.
    public var explodingGrowth = 100.0
    /// Gradient norm a layer must also reach to be called exploding. A model that has fit its
    /// training set has gradients near 1e-12 whose jumps are noise, not an explosion; below
    /// 1 one step at a sane LR moves the weights by less than the LR itself.
    public var explodingMinNorm = 1.0
    /// Train-loss points in each window the rising/slow rules compare.
    public var lossWindow = 50
    /// Relative rise of the mean train loss between consecutive windows that means LR too high.
    public var risingLossFactor = 0.25
    /// Steps before the slow-progress rule may speak.
    public var slowProgressMinSteps = 300
    /// Relative fall of mean train loss (first window to latest) below which progress is too slow.
    public var slowProgressMinFall = 0.02

    /// The defaults.
    public init() {}
}
