import Telemetry

/// Validation loss rising while training loss keeps falling: the network memorises.
/// The episode ends only when the val loss is back at its best for `rearmEvaluations`
/// consecutive evaluations: a val loss that creeps up for hundreds of epochs, with the
/// train loss's noise flipping "falling" on and off, is one episode, not dozens.
struct OverfittingRule: DiagnosisRule {
    let name = "overfitting"
    let thresholds: DoctorThresholds
    private var trainLossSinceLastEval: [Double] = []
    private var lastTrainMean: Double?
    private var lastValLoss: Double?
    private var bestValLoss: Double?
    private var risingStreak = 0
    private var episode: Episode

    init(thresholds: DoctorThresholds) {
        self.thresholds = thresholds
        episode = Episode(rearmAfter: thresholds.rearmEvaluations)
    }

    mutating func observe(_ event: Event, in run: RunContext) -> AdviceRecord? {
        guard case .scalar(let value) = event.value, value.isFinite else { return nil }
        if event.tag == Tag.trainLoss {
            trainLossSinceLastEval.append(value)
            return nil
        }
        guard event.tag == Tag.valLoss else { return nil }
        let trainMean = trainLossSinceLastEval.isEmpty
            ? lastTrainMean : trainLossSinceLastEval.reduce(0, +) / Double(trainLossSinceLastEval.count)
        trainLossSinceLastEval.removeAll(keepingCapacity: true)
        defer {
            lastTrainMean = trainMean
            lastValLoss = value
            bestValLoss = min(bestValLoss ?? value, value)
        }
        guard let previousVal = lastValLoss, let previousTrain = lastTrainMean, let trainMean else { return nil }
        let trainFalling = trainMean < previousTrain
        risingStreak = (value > previousVal && trainFalling) ? risingStreak + 1 : 0
        let best = bestValLoss ?? value
        let overfitting = risingStreak >= thresholds.overfitEvaluations && value > best
        guard episode.update(condition: overfitting, cleared: value <= best) else { return nil }
        return AdviceRecord(
            rule: name, severity: .warning,
            message: "val loss rose for \(risingStreak) evaluations (now \(formatted(value)), best "
                + "\(formatted(bestValLoss ?? value))) while train loss fell to \(formatted(trainMean)) — overfitting: "
                + "stop early keeping the best weights (s), or add regularization (dropout, weight decay, augmentation)")
    }
}
