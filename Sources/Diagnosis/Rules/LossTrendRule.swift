import Telemetry

/// Compares windows of the training loss: a rising mean says the LR is too high; a mean
/// that has barely moved after many steps, while still near its start, says too low.
struct LossTrendRule: DiagnosisRule {
    let name = "loss_trend"
    let thresholds: DoctorThresholds
    private var window: [Double] = []
    private var previousMean: Double?
    private var firstMean: Double?
    private var risingEpisode = Episode()
    private var slowEpisode = Episode()
    private var latestUpdateRatios: [String: Double] = [:]

    init(thresholds: DoctorThresholds) { self.thresholds = thresholds }

    mutating func observe(_ event: Event) -> AdviceRecord? {
        guard case .scalar(let value) = event.value else { return nil }
        if let (layer, stat) = Tag.parseLayer(event.tag), stat == LayerStat.updateRatio.rawValue {
            latestUpdateRatios[layer] = value
            return nil
        }
        guard event.tag == Tag.trainLoss, value.isFinite else { return nil }
        window.append(value)
        guard window.count >= thresholds.lossWindow else { return nil }
        let mean = window.reduce(0, +) / Double(window.count)
        window.removeAll(keepingCapacity: true)
        defer { previousMean = mean }
        if firstMean == nil { firstMean = mean }
        if let previous = previousMean, risingEpisode.update(condition: mean > previous * (1 + thresholds.risingLossFactor)) {
            return AdviceRecord(
                rule: "lr_too_high", severity: .warning,
                message: "train loss is rising: mean \(formatted(mean)) over the last \(thresholds.lossWindow) steps "
                    + "vs \(formatted(previous)) before (step \(event.step)) — the LR is likely too high; halve it (h)")
        }
        guard let first = firstMean, event.step >= thresholds.slowProgressMinSteps else { return nil }
        let fall = (first - mean) / max(abs(first), 1e-12)
        let ratios = latestUpdateRatios.values
        let ratiosLow = ratios.isEmpty || ratios.allSatisfy { $0 < thresholds.updateRatioLow * 10 }
        let slow = fall < thresholds.slowProgressMinFall && ratiosLow
        guard slowEpisode.update(condition: slow) else { return nil }
        let evidence = ratios.isEmpty ? "" : "; largest update/weight ratio \(formatted(ratios.max() ?? 0)) (target ~1e-3)"
        return AdviceRecord(
            rule: "lr_too_low", severity: .warning,
            message: "train loss has fallen only \(formatted(fall * 100))% since the start (\(formatted(first)) → "
                + "\(formatted(mean)) by step \(event.step))\(evidence) — the LR is likely too low; double it (H)")
    }
}
