import Foundation
import Telemetry

/// One classic tuning rule watching the event stream. A rule keeps its own state and
/// speaks once per episode: it fires when its condition starts to hold and re-arms only
/// after the condition has stayed clear for a while (see `Episode`), so the log is not
/// flooded while a problem persists or flickers at a threshold.
public protocol DiagnosisRule {
    /// The stable rule name recorded in `events/advice` (`"rule"`).
    var name: String { get }
    /// Looks at one event, with what the doctor knows about the run so far (already
    /// updated with this event); returns advice when the rule fires on it.
    mutating func observe(_ event: Event, in run: RunContext) -> AdviceRecord?
}

/// Whether a condition's episode has already been reported, with hysteresis: once open,
/// an episode closes (re-arms) only after `rearmAfter` consecutive clear observations.
/// With `rearmAfter == 1` a single clear observation re-arms, which lets a value that
/// flickers around a threshold fire at every crossing; the rules use more.
struct Episode {
    /// Consecutive clear observations that close an open episode.
    let rearmAfter: Int
    private(set) var isOpen = false
    private var clearStreak = 0

    init(rearmAfter: Int = 1) { self.rearmAfter = max(1, rearmAfter) }

    /// True exactly when the condition holds and no episode is open. `cleared` is the
    /// rule's own "back to healthy" test when that is stricter than `!condition`
    /// (hysteresis in value as well as in time); an observation counts as clear only when
    /// the condition does not hold and `cleared` (default true) does.
    mutating func update(condition: Bool, cleared: Bool = true) -> Bool {
        guard isOpen else {
            isOpen = condition
            clearStreak = 0
            return condition
        }
        clearStreak = !condition && cleared ? clearStreak + 1 : 0
        if clearStreak >= rearmAfter {
            isOpen = false
            clearStreak = 0
        }
        return false
    }

    /// Closes the episode at once (e.g. after an LR change: a new regime, a new diagnosis).
    mutating func rearm() {
        isOpen = false
        clearStreak = 0
    }
}

/// What the doctor knows about the run as a whole, shared by every rule: the learning rate
/// against its peak (is a schedule annealing it?) and the train loss against its start
/// (has the model fit its training set?). The doctor updates it before the rules see an
/// event, so every rule judges the same facts.
public struct RunContext: Sendable {
    let thresholds: DoctorThresholds
    /// The latest `lr` scalar.
    private(set) var learningRate: Double?
    /// The largest LR seen, rescaled by manual and rule LR changes (`events/control` from a
    /// key or a rule) so that `learningRate / peakLearningRate` is the schedule's own decay.
    private(set) var peakLearningRate: Double?
    /// The run's starting loss: its first finite train loss, the loss of the untrained
    /// model. It is computed before the first update, so no LR can inflate it (with `--lr 3`
    /// the next steps reach 1e5 and a first-window mean of 9e3 would make every later loss
    /// look "fitted" and every rise immaterial); a window's median is no better, as a fast
    /// first window's median is well below its start.
    private(set) var startLoss: Double?
    /// Mean of the window before the latest.
    private(set) var previousLossMean: Double?
    /// Mean of the latest complete window.
    private(set) var latestLossMean: Double?
    /// True while the doctor handles the train-loss event that completed a window.
    private(set) var closedLossWindow = false
    private var window: [Double] = []

    init(thresholds: DoctorThresholds) { self.thresholds = thresholds }

    mutating func observe(_ event: Event) {
        closedLossWindow = false
        switch (event.tag, event.value) {
        case (Tag.learningRate, .scalar(let rate)) where rate.isFinite && rate >= 0:
            learningRate = rate
            peakLearningRate = max(peakLearningRate ?? rate, rate)
        case (Tag.control, .text(let json)):
            guard let record = RecordJSON.decode(ControlRecord.self, from: json), record.source != .schedule,
                  record.lrBefore > 0, record.lrAfter > 0, record.lrBefore.isFinite, record.lrAfter.isFinite,
                  let peak = peakLearningRate
            else { return }
            peakLearningRate = peak * record.lrAfter / record.lrBefore
        case (Tag.trainLoss, .scalar(let loss)) where loss.isFinite:
            if startLoss == nil { startLoss = loss }
            window.append(loss)
            guard window.count >= thresholds.lossWindow else { return }
            let mean = window.reduce(0, +) / Double(window.count)
            window.removeAll(keepingCapacity: true)
            previousLossMean = latestLossMean
            latestLossMean = mean
            closedLossWindow = true
        default:
            break
        }
    }

    /// The current LR as a fraction of its (rescaled) peak; nil before any `lr` event.
    var learningRateFractionOfPeak: Double? {
        guard let learningRate, let peakLearningRate, peakLearningRate > 0 else { return nil }
        return learningRate / peakLearningRate
    }

    /// True when a schedule has taken the LR to `annealedLRFraction` of its peak or below.
    var isAnnealed: Bool {
        (learningRateFractionOfPeak ?? 1) <= thresholds.annealedLRFraction
    }

    /// True when the latest train-loss window is at `fittedLossFraction` of the start or below.
    var hasFitTrainingSet: Bool {
        guard let startLoss, let latestLossMean, startLoss > 0 else { return false }
        return latestLossMean <= startLoss * thresholds.fittedLossFraction
    }
}

/// Short numbers for messages: 3 significant digits, scientific for very small/large.
func formatted(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "+Inf" : "-Inf") }
    let magnitude = abs(value)
    if magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5) {
        let exponent = Int((log10(magnitude)).rounded(.down))
        let mantissa = value / pow(10, Double(exponent))
        return String(format: "%.1fe%d", mantissa, exponent)
    }
    return String(format: "%.3g", value)
}
