import Telemetry

/// Compares windows of the training loss: a rising mean says the LR is too high; a mean
/// that has barely moved after many steps, while still near its start, says too low.
///
/// "Rising" is a window mean `risingLossFactor` above the previous window's, or above the
/// run's starting loss (`RunContext.startLoss`: a run whose loss is worse than at
/// initialization, like `--lr 3` spiking to 1e5 within the first window). Either rise must
/// also be material against the starting loss (`risingLossMinRiseOfStart`), and the LR must
/// not be annealed by a schedule (`annealedLRFraction`). Without those two the rule blamed
/// the LR for the batch noise of a fitted model (1.2e-5 → 1.6e-5) and for rises at the
/// tail of a cosine/one-cycle schedule with the LR at 1e-8.
struct LossTrendRule: DiagnosisRule {
    let name = "loss_trend"
    let thresholds: DoctorThresholds
    private var risingEpisode: Episode
    private var slowEpisode: Episode
    private var latestUpdateRatios: [String: Double] = [:]

    init(thresholds: DoctorThresholds) {
        self.thresholds = thresholds
        risingEpisode = Episode(rearmAfter: thresholds.rearmLossWindows)
        slowEpisode = Episode(rearmAfter: thresholds.rearmLossWindows)
    }

    mutating func observe(_ event: Event, in run: RunContext) -> AdviceRecord? {
        guard case .scalar(let value) = event.value else { return nil }
        if let (layer, stat) = Tag.parseLayer(event.tag), stat == LayerStat.updateRatio.rawValue {
            latestUpdateRatios[layer] = value
            return nil
        }
        guard event.tag == Tag.trainLoss, run.closedLossWindow, let mean = run.latestLossMean,
              let first = run.startLoss
        else { return nil }
        let floor = abs(first) * thresholds.risingLossMinRiseOfStart
        func rose(from reference: Double) -> Bool {
            mean > reference * (1 + thresholds.risingLossFactor) && mean - reference >= floor
        }
        let risingFromPrevious = run.previousLossMean.map(rose(from:)) ?? false
        let aboveStart = first > 0 && rose(from: first)
        let rising = (risingFromPrevious || aboveStart) && !run.isAnnealed
        if risingEpisode.update(condition: rising) {
            let lr = run.learningRate.map { ", LR \(formatted($0))" } ?? ""
            let evidence = risingFromPrevious
                ? "train loss is rising: mean \(formatted(mean)) over the last \(thresholds.lossWindow) steps vs "
                    + "\(formatted(run.previousLossMean ?? 0)) before"
                : "train loss is above where it started: mean \(formatted(mean)) over the last "
                    + "\(thresholds.lossWindow) steps vs \(formatted(first)) at the start"
            return AdviceRecord(
                rule: "lr_too_high", severity: .warning,
                message: evidence + " (step \(event.step)\(lr)) — the LR is likely too high; halve it (h)")
        }
        guard event.step >= thresholds.slowProgressMinSteps else { return nil }
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
