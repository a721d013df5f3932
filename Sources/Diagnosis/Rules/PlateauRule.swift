import Telemetry

/// Validation loss that has stopped improving: the tuning guides' rule is to divide the
/// LR by 2 (or 5) and continue. Re-arms at once on a material LR change, or after
/// `rearmEvaluations` consecutive improvements (one lucky evaluation on a noisy floor
/// is not the end of a plateau). "Material" is measured against the LR when the rule last
/// armed, not the previous step: a cosine or one-cycle schedule changes the LR every step,
/// and re-arming on each of those tiny changes kept the rule from ever speaking.
struct PlateauRule: DiagnosisRule {
    let name = "plateau"
    let thresholds: DoctorThresholds
    private var best: (loss: Double, step: Int)?
    private var evaluationsWithoutImprovement = 0
    private var episode: Episode
    private var learningRate: Double?
    /// The LR when the rule last (re-)armed.
    private var armedLearningRate: Double?

    init(thresholds: DoctorThresholds) {
        self.thresholds = thresholds
        episode = Episode(rearmAfter: thresholds.rearmEvaluations)
    }

    mutating func observe(_ event: Event, in run: RunContext) -> AdviceRecord? {
        guard case .scalar(let value) = event.value else { return nil }
        if event.tag == Tag.learningRate {
            if let armed = armedLearningRate, armed > 0, abs(value / armed - 1) >= thresholds.plateauRearmLRChange {
                evaluationsWithoutImprovement = 0
                episode.rearm()
                armedLearningRate = value
            }
            if armedLearningRate == nil { armedLearningRate = value }
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
        let improved = evaluationsWithoutImprovement == 0
        guard episode.update(condition: stalled, cleared: improved), let best else { return nil }
        let lr = learningRate.map { " (LR \(formatted($0)) → \(formatted($0 / 2)))" } ?? ""
        return AdviceRecord(
            rule: name, severity: .info,
            message: "val loss has not improved for \(evaluationsWithoutImprovement) evaluations "
                + "(best \(formatted(best.loss)) at step \(best.step), now \(formatted(value))) — "
                + "plateau: halve the LR (h)\(lr)")
    }
}
