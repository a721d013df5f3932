import Telemetry

/// A per-layer statistic that stays out of its healthy range for several consecutive
/// probes (one noisy probe is not a diagnosis). One instance covers one statistic and one
/// direction; the doctor builds the update-ratio, dead-unit and saturation rules from it.
struct LayerStatRule: DiagnosisRule {
    let name: String
    let stat: LayerStat
    let severity: Severity
    let persistence: Int
    /// True when the value is out of range.
    let isUnhealthy: (Double) -> Bool
    /// The message, given the layer, the latest value and the number of probes.
    let message: (_ layer: String, _ value: Double, _ probes: Int) -> String
    private var streaks: [String: Int] = [:]
    private var episodes: [String: Episode] = [:]

    init(
        name: String, stat: LayerStat, severity: Severity, persistence: Int,
        isUnhealthy: @escaping (Double) -> Bool,
        message: @escaping (_ layer: String, _ value: Double, _ probes: Int) -> String
    ) {
        self.name = name
        self.stat = stat
        self.severity = severity
        self.persistence = persistence
        self.isUnhealthy = isUnhealthy
        self.message = message
    }

    mutating func observe(_ event: Event) -> AdviceRecord? {
        guard case .scalar(let value) = event.value,
              let (layer, statName) = Tag.parseLayer(event.tag), statName == stat.rawValue
        else { return nil }
        let streak = isUnhealthy(value) ? (streaks[layer] ?? 0) + 1 : 0
        streaks[layer] = streak
        var episode = episodes[layer] ?? Episode()
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
                isUnhealthy: { $0 > t.updateRatioHigh || !$0.isFinite },
                message: { layer, value, probes in
                    "\(layer): update/weight ratio \(formatted(value)) for \(probes) probes (healthy ~1e-3, "
                        + "above \(formatted(t.updateRatioHigh))) — the LR is too high for this layer; halve it (h)"
                }),
            LayerStatRule(
                name: "update_ratio_low", stat: .updateRatio, severity: .info, persistence: t.probePersistence,
                isUnhealthy: { $0 < t.updateRatioLow },
                message: { layer, value, probes in
                    "\(layer): update/weight ratio \(formatted(value)) for \(probes) probes (healthy ~1e-3, "
                        + "below \(formatted(t.updateRatioLow))) — this layer barely learns; the LR may be too low (H)"
                }),
            LayerStatRule(
                name: "dead_units", stat: .deadFraction, severity: .warning, persistence: t.probePersistence,
                isUnhealthy: { $0 >= t.deadFraction },
                message: { layer, value, probes in
                    "\(layer): \(formatted(value * 100))% of units dead (zero for the whole batch) for \(probes) "
                        + "probes — lower the LR, use He initialization or LeakyReLU/ELU"
                }),
            LayerStatRule(
                name: "saturated_units", stat: .saturatedFraction, severity: .warning, persistence: t.probePersistence,
                isUnhealthy: { $0 >= t.saturatedFraction },
                message: { layer, value, probes in
                    "\(layer): \(formatted(value * 100))% of units saturated for \(probes) probes — gradients "
                        + "vanish through them; normalize inputs, use Glorot initialization, lower the LR or use ReLU"
                }),
        ]
    }
}
