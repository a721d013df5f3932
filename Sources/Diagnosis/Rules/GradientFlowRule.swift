import Telemetry

/// Vanishing gradients (the smallest layer gradient norm is a tiny fraction of the
/// largest at the same probe) and exploding gradients (a layer's gradient norm jumps far
/// above its own running median, or stops being finite). Each re-arms after
/// `rearmProbes` consecutive clear probes.
struct GradientFlowRule: DiagnosisRule {
    let name = "gradient_flow"
    let thresholds: DoctorThresholds
    private var probeStep: Int?
    private var normsAtProbe: [String: Double] = [:]
    private var history: [String: [Double]] = [:]
    private var vanishingEpisode: Episode
    private var explodingEpisodes: [String: Episode] = [:]

    init(thresholds: DoctorThresholds) {
        self.thresholds = thresholds
        vanishingEpisode = Episode(rearmAfter: thresholds.rearmProbes)
    }

    mutating func observe(_ event: Event, in run: RunContext) -> AdviceRecord? {
        guard case .scalar(let norm) = event.value,
              let (layer, stat) = Tag.parseLayer(event.tag), stat == LayerStat.gradNorm.rawValue
        else { return nil }
        var advice: AdviceRecord?
        if probeStep != event.step {
            advice = judgeSpread()
            probeStep = event.step
            normsAtProbe.removeAll(keepingCapacity: true)
        }
        normsAtProbe[layer] = norm
        let exploding = judgeGrowth(layer: layer, norm: norm, step: event.step)
        return exploding ?? advice
    }

    private mutating func judgeGrowth(layer: String, norm: Double, step: Int) -> AdviceRecord? {
        var past = history[layer, default: []]
        let median = past.count >= 5 ? past.sorted()[past.count / 2] : nil
        let grewFar = median.map { $0 > 0 && norm > $0 * thresholds.explodingGrowth } ?? false
        let exploding = !norm.isFinite || (grewFar && norm >= thresholds.explodingMinNorm)
        if norm.isFinite {
            past.append(norm)
            if past.count > 25 { past.removeFirst() }
            history[layer] = past
        }
        var episode = explodingEpisodes[layer] ?? Episode(rearmAfter: thresholds.rearmProbes)
        defer { explodingEpisodes[layer] = episode }
        guard episode.update(condition: exploding) else { return nil }
        let baseline = median.map { " (its median \(formatted($0)))" } ?? ""
        return AdviceRecord(
            rule: "exploding_gradients", severity: .critical,
            message: "\(layer): gradient norm \(formatted(norm)) at step \(step)\(baseline) — exploding gradients: "
                + "lower the LR (d), clip gradients by global norm, or add normalization")
    }

    /// Runs when a probe's set of layers is complete (the next probe step begins).
    private mutating func judgeSpread() -> AdviceRecord? {
        let finite = normsAtProbe.filter { $0.value.isFinite }
        guard finite.count >= 2, let largest = finite.max(by: { $0.value < $1.value }),
              let smallest = finite.min(by: { $0.value < $1.value }), largest.value > 0
        else { return nil }
        let spread = smallest.value / largest.value
        guard vanishingEpisode.update(condition: spread < thresholds.vanishingSpread) else { return nil }
        return AdviceRecord(
            rule: "vanishing_gradients", severity: .warning,
            message: "\(smallest.key): gradient norm \(formatted(smallest.value)) is \(formatted(spread)) of "
                + "\(largest.key)'s \(formatted(largest.value)) at step \(probeStep ?? 0) — vanishing gradients: use "
                + "ReLU-family activations, He/Glorot initialization, batch normalization or residual connections")
    }
}
