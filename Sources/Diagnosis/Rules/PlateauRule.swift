import Telemetry

/// Validation loss that has stopped improving: the tuning guides' rule is to divide the
/// LR by 2 (or 5) and continue. Re-arms after an improvement or any LR change.
struct PlateauRule: DiagnosisRule {
    let name = "plateau"
    let thresholds: DoctorThresholds
    private var best: (loss: Double, step: Int)?
    private var evaluationsWithoutImprovement = 0
    private var episode = Episode()
    private var learningRate: Double?

    init(thresholds: DoctorThresholds) { self.thresholds = thresholds }

    mutating func observe(_ event: Event) -> AdviceRecord? {
        guard case .scalar(let value) = event.value else { return nil }
        if event.tag == Tag.learningRate {
            if let old = learningRate, old != value {
                evaluationsWithoutImprovement = 0
                _ = episode.update(condition: false)
            }
            learningRate = value
            return nil
        }
        guard event.tag == Tag.valLoss, value.isFinite else { return nil }
        if let current = best, value >= current.loss * (1 - thresholds.plateauMinRelativeDelta) {
            evaluationsWithoutImprovement += 1
        } else {
            best = (value, event.step)
            evaluationsWithoutImprovement = 0
        }
        let stalled = evaluationsWithoutImprovement >= thresholds.plateauPatience
        guard episode.update(condition: stalled), let best else { return nil }
        let lr = learningRate.map { " (LR \(formatted($0)) → \(formatted($0 / 2)))" } ?? ""
        return AdviceRecord(
            rule: name, severity: .info,
            message: "val loss has not improved for \(evaluationsWithoutImprovement) evaluations "
                + "(best \(formatted(best.loss)) at step \(best.step), now \(formatted(value))) — "
                + "plateau: halve the LR (h)\(lr)")
    }
}
