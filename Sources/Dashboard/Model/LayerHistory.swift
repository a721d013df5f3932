import Telemetry

/// The histogram kinds a layer records, chosen with `a`, `g`, `w`.
enum HistogramKind: String, Sendable, CaseIterable {
    case activations, gradients, weights

    /// The layer-stat tag suffix.
    var stat: LayerStat {
        switch self {
        case .activations: return .activations
        case .gradients: return .gradients
        case .weights: return .weights
        }
    }
}

/// One layer's statistics over the run, as the table and histogram panel need them.
struct LayerHistory: Sendable {
    /// Scalar stats (`update_ratio`, `grad_norm`, …) by tag suffix, in arrival order.
    var scalars: [String: [Double]] = [:]
    /// Histogram snapshots per kind, thinned to at most `maxSnapshots` evenly spread ones.
    var histograms: [HistogramKind: [(step: Int, histogram: Histogram)]] = [:]

    /// Enough snapshots for a heat strip as wide as any terminal, without growing with the run.
    static let maxSnapshots = 1024
    /// Sparklines need only the recent values.
    static let maxScalars = 512

    mutating func record(stat: String, value: Double) {
        // Mutate in place: copying the array out and back would copy it on every value.
        scalars[stat, default: []].append(value)
        if let count = scalars[stat]?.count, count > Self.maxScalars {
            scalars[stat]?.removeFirst(count - Self.maxScalars / 2)
        }
    }

    mutating func record(kind: HistogramKind, step: Int, histogram: Histogram) {
        histograms[kind, default: []].append((step, histogram))
        if let list = histograms[kind], list.count > Self.maxSnapshots {
            // Keep every other snapshot: coverage of the whole run at half the density.
            histograms[kind] = list.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        }
    }

    func latest(_ stat: LayerStat) -> Double? { scalars[stat.rawValue]?.last }

    mutating func truncate(fromStep step: Int) {
        for kind in HistogramKind.allCases {
            histograms[kind]?.removeAll { $0.step >= step }
        }
    }
}
