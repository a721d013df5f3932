import Telemetry

/// A NaN or infinite training loss: the classic sign of a learning rate far too high.
/// Re-arms after a single finite loss: each divergence is its own event (the trainer's
/// roll-back policy bounds how many there can be).
struct NonFiniteLossRule: DiagnosisRule {
    let name = "nonfinite_loss"
    private var episode = Episode()

    mutating func observe(_ event: Event, in run: RunContext) -> AdviceRecord? {
        guard case .scalar(let value) = event.value,
              event.tag == Tag.trainLoss || event.tag == Tag.valLoss
        else { return nil }
        guard episode.update(condition: !value.isFinite) else { return nil }
        let lr = run.learningRate.map { " at LR \(formatted($0))" } ?? ""
        return AdviceRecord(
            rule: name, severity: .critical,
            message: "\(event.tag) is \(formatted(value)) at step \(event.step)\(lr): the LR is too high — "
                + "roll back to the best checkpoint with the LR halved (b) or divide it by 5 (d)")
    }
}
