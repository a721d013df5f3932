/// The numbers behind the doctor's rules. Defaults follow the common tuning guides:
/// update/weight ratios near 1e-3 (CS231n), halve the LR after a few evaluations without
/// improvement (Keras ReduceLROnPlateau, patience in evaluations).
public struct DoctorThresholds: Sendable, Equatable {
    /// Evaluations without a val-loss improvement before the plateau rule speaks.
    public var plateauPatience = 3
    /// Relative improvement of val loss that counts as progress.
    public var plateauMinRelativeDelta = 1e-3
    /// Relative LR change (from the LR when the plateau rule last armed) that re-arms it:
    /// a halving or doubling does, a schedule's per-step drift does not until it adds up.
    public var plateauRearmLRChange = 0.3
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
    /// The same rise must also be at least this fraction of the run's starting loss (its
    /// first logged train loss, the untrained model's: the run's own loss scale). Relative wobbles of a loss
    /// 1000× below its start (1.2e-5 → 1.6e-5) are the mini-batch noise of a model that has
    /// fit its training set; 5% of the start is a rise one can see on the loss chart.
    public var risingLossMinRiseOfStart = 0.05
    /// Steps before the slow-progress rule may speak.
    public var slowProgressMinSteps = 300
    /// Relative fall of train loss (starting loss to the latest window's mean) below which
    /// progress is too slow.
    public var slowProgressMinFall = 0.02
    /// The LR counts as annealed when it is at most this fraction of the run's peak LR
    /// (cosine, one-cycle, linear/step/exponential decay, reduce-on-plateau). Manual and
    /// rule changes (`h`, `H`, roll-back) scale the peak with them, so only the schedule's
    /// own decay counts. While annealed, `lr_too_high` is silent (the schedule is already
    /// doing more than "halve it", and a rise at a lower LR than the one that brought the
    /// loss down is batch noise) and so is `update_ratio_low` (tiny updates are what an
    /// annealed schedule is for).
    public var annealedLRFraction = 0.5
    /// Train loss (latest window mean) at or below this fraction of the starting loss means
    /// the model has fit its training set: tiny update/weight ratios are then the
    /// result of tiny gradients, not of too low an LR, and `update_ratio_low` is silent.
    public var fittedLossFraction = 0.01
    /// Hysteresis for the per-probe rules (update ratios, dead/saturated units, vanishing and
    /// exploding gradients): after speaking, a rule (per layer) re-arms only once its
    /// condition has been clear for this many consecutive probes, so a value flickering at
    /// a threshold is reported once, not at every crossing.
    public var rearmProbes = 10
    /// Hysteresis for the per-evaluation rules: `overfitting` re-arms after this many
    /// consecutive evaluations with the val loss back at its best; `plateau` after this many
    /// consecutive improvements (or at once on an LR change).
    public var rearmEvaluations = 3
    /// Hysteresis for the train-loss rules (`lr_too_high`, `lr_too_low`): consecutive clear
    /// loss windows before they re-arm.
    public var rearmLossWindows = 3

    /// The defaults.
    public init() {}
}
