import Telemetry

/// A per-layer statistic that stays out of its healthy range for several consecutive
/// probes (one noisy probe is not a diagnosis). One instance covers one statistic and one
/// direction; the doctor builds the update-ratio, dead-unit and saturation rules from it.
/// After speaking for a layer it re-arms once that layer has been healthy for
/// `rearmProbes` consecutive probes.
struct LayerStatRule: DiagnosisRule {
    let name: String
    let stat: LayerStat
    let severity: Severity
    let persistence: Int
    let rearmProbes: Int
    /// True when the value is out of range.
    let isUnhealthy: (Double) -> Bool
    /// True when the run explains an out-of-range value so that it is no diagnosis (e.g.
    /// tiny updates while a schedule anneals the LR); such a probe counts as healthy.
    let isExplained: (RunContext) -> Bool
    /// The message, given the layer, the latest value and the number of probes.
    let message: (_ layer: String, _ value: Double, _ probes: Int) -> String
    private var streaks: [String: Int] = [:]
    private var episodes: [String: Episode] = [:]

    init(
        name: String, stat: LayerStat, severity: Severity, persistence: Int, rearmProbes: Int,
        isUnhealthy: @escaping (Double) -> Bool,
        isExplained: @escaping (RunContext) -> Bool = { _ in false },
        message: @escaping (_ layer: String, _ value: Double, _ probes: Int) -> String
    ) {
        self.name = name
        self.stat = stat
        self.severity = severity
        self.persistence = persistence
        self.rearmProbes = rearmProbes
        self.isUnhealthy = isUnhealthy
        self.isExplained = isExplained
        self.message = message
    }

    mutating func observe(_ event: Event, in run: RunContext) -> AdviceRecord? {
        guard case .scalar(let value) = event.value,
              let (layer, statName) = Tag.parseLayer(event.tag), statName == stat.rawValue
        else { return nil }
        let unhealthy = isUnhealthy(value) && !isExplained(run)
        let streak = unhealthy ? (streaks[layer] ?? 0) + 1 : 0
        streaks[layer] = streak
        var episode = episodes[layer] ?? Episode(rearmAfter: rearmProbes)
        defer { episodes[layer] = episode }
        guard episode.update(condition: streak >= persistence) else { return nil }
        return AdviceRecord(rule: name, severity: severity, message: message(layer, value, streak))
    }
}

extension LayerStatRule {
    /// The standard set: update ratio too high / too low, dead units, saturated units.
    static func standardSet(_ t: DoctorThresholds) -> [LayerStatRule] {
        [
            LayerStatRule(
                name: "update_ratio_high", stat: .updateRatio, severity: .warning, persistence: t.probePersistence,
                rearmProbes: t.rearmProbes,
                isUnhealthy: { $0 > t.updateRatioHigh || !$0.isFinite },
                message: { layer, value, probes in
                    "\(layer): update/weight ratio \(formatted(value)) for \(probes) probes (healthy ~1e-3, "
                        + "above \(formatted(t.updateRatioHigh))) — the LR is too high for this layer; halve it (h)"
                }),
            LayerStatRule(
                name: "update_ratio_low", stat: .updateRatio, severity: .info, persistence: t.probePersistence,
                rearmProbes: t.rearmProbes,
                // A ratio of exactly 0 is no gradient at all (dead units upstream, a frozen
                // layer), which no LR fixes; dead_units and vanishing_gradients speak to it.
                isUnhealthy: { $0 < t.updateRatioLow && $0 != 0 },
                // Tiny updates are the point of an annealed schedule, and the result of tiny
                // gradients once the model has fit its training set: neither means "raise the LR".
                isExplained: { $0.isAnnealed || $0.hasFitTrainingSet },
                message: { layer, value, probes in
                    "\(layer): update/weight ratio \(formatted(value)) for \(probes) probes (healthy ~1e-3, "
                        + "below \(formatted(t.updateRatioLow))) — this layer barely learns; the LR may be too low (H)"
                }),
            LayerStatRule(
                name: "dead_units", stat: .deadFraction, severity: .warning, persistence: t.probePersistence,
                rearmProbes: t.rearmProbes,
                isUnhealthy: { $0 >= t.deadFraction },
                message: { layer, value, probes in
                    "\(layer): \(formatted(value * 100))% of units dead (zero for the whole batch) for \(probes) "
                        + "probes — lower the LR, use He initialization or LeakyReLU/ELU"
                }),
            LayerStatRule(
                name: "saturated_units", stat: .saturatedFraction, severity: .warning, persistence: t.probePersistence,
                rearmProbes: t.rearmProbes,
                isUnhealthy: { $0 >= t.saturatedFraction },
                message: { layer, value, probes in
                    "\(layer): \(formatted(value * 100))% of units saturated for \(probes) probes — gradients "
                        + "vanish through them; normalize inputs, use Glorot initialization, lower the LR or use ReLU"
                }),
        ]
    }
}
