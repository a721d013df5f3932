import Engine
import Telemetry

/// Turns a model's state at a probe step into `layers/<layer>/…` events. Called in two
/// halves around the optimizer step: `begin` after backward (gradients, activations, and a
/// copy-on-write hold on the weights), `finish` after the update (weights and ‖ΔW‖/‖W‖).
///
/// Names: statistics are per layer (`layers/dense1/grad_norm`), computed over the layer's
/// decayed parameters — its weights — or over all its parameters when none is decayed
/// (BatchNorm's scale and shift). Biases are left out on purpose: the classic
/// update/weight-ratio rule of thumb (~1e-3) is about weights, and a bias vector's tiny norm
/// would otherwise dominate "vanishing gradient" comparisons between layers.
struct LayerProbe {
    /// Buckets per histogram.
    var bucketCount: Int

    /// The first half's result: events so far and what `finish` needs.
    struct Pending {
        var events: [Event]
        fileprivate var weightsBefore: [(layer: String, values: [Float])]
    }

    /// Gradient and activation statistics; holds the weights as they were before the step.
    func begin(model: Sequential, step: Int, wallTime: Double) -> Pending {
        var events: [Event] = []
        func scalar(_ layer: String, _ stat: LayerStat, _ value: Double) {
            events.append(Event(step: step, wallTime: wallTime, tag: Tag.layer(layer, stat), value: .scalar(value)))
        }
        func histogram(_ layer: String, _ stat: LayerStat, _ values: [Float], nonFiniteStat: LayerStat) {
            let probe = HistogramBuilder.build(values, bucketCount: bucketCount)
            if let histogram = probe.histogram {
                events.append(Event(step: step, wallTime: wallTime, tag: Tag.layer(layer, stat), value: .histogram(histogram)))
            }
            if probe.nonFiniteCount > 0 { scalar(layer, nonFiniteStat, Double(probe.nonFiniteCount)) }
        }
        var weightsBefore: [(layer: String, values: [Float])] = []
        for layer in model.layers {
            let watched = Self.watchedParameters(of: layer)
            guard !watched.isEmpty else { continue }
            let gradients = Self.concatenated(watched.map(\.gradient))
            scalar(layer.name, .gradNorm, ProbeMath.l2Norm(gradients))
            histogram(layer.name, .gradients, gradients, nonFiniteStat: .nonFiniteGradients)
            weightsBefore.append((layer.name, Self.concatenated(watched.map(\.value))))
        }
        let activations = model.lastActivations
        for (index, (layer, output)) in zip(model.layers, activations).enumerated() {
            histogram(layer.name, .activations, output.storage, nonFiniteStat: .nonFiniteActivations)
            let batch = output.shape.first ?? 0
            switch layer.activationFamily {
            case .none: break
            case .reluFamily:
                scalar(layer.name, .deadFraction, ProbeMath.deadFraction(output.storage, batchSize: batch))
            case .saturating(let lower, let upper):
                scalar(layer.name, .saturatedFraction, ProbeMath.saturatedFraction(output.storage, lower: lower, upper: upper))
            }
            if index == model.layers.count - 1, output.shape.count == 2, output.shape[1] >= 2 {
                scalar(layer.name, .topProbability, ProbeMath.meanTopProbability(logits: output.storage, classCount: output.shape[1]))
            }
        }
        return Pending(events: events, weightsBefore: weightsBefore)
    }

    /// Weight statistics after the update; returns all of the probe's events.
    func finish(_ pending: Pending, model: Sequential, step: Int, wallTime: Double) -> [Event] {
        var events = pending.events
        func scalar(_ layer: String, _ stat: LayerStat, _ value: Double) {
            events.append(Event(step: step, wallTime: wallTime, tag: Tag.layer(layer, stat), value: .scalar(value)))
        }
        for (layerName, before) in pending.weightsBefore {
            guard let layer = model.layer(named: layerName) else { continue }
            let after = Self.concatenated(Self.watchedParameters(of: layer).map(\.value))
            scalar(layerName, .weightNorm, ProbeMath.l2Norm(after))
            if after.count == before.count {
                scalar(layerName, .updateRatio, ProbeMath.updateRatio(before: before, after: after))
            }
            let probe = HistogramBuilder.build(after, bucketCount: bucketCount)
            if let histogram = probe.histogram {
                events.append(Event(step: step, wallTime: wallTime, tag: Tag.layer(layerName, .weights), value: .histogram(histogram)))
            }
            if probe.nonFiniteCount > 0 { scalar(layerName, .nonFiniteWeights, Double(probe.nonFiniteCount)) }
        }
        return events
    }

    /// The parameters a layer's statistics cover: decayed ones (weights), else all.
    static func watchedParameters(of layer: any Layer) -> [(value: [Float], gradient: [Float])] {
        let parameters = layer.parameters
        let decayed = parameters.filter(\.isDecayed)
        return (decayed.isEmpty ? parameters : decayed).map { ($0.value.storage, $0.gradient.storage) }
    }

    static func concatenated(_ parts: [[Float]]) -> [Float] {
        parts.count == 1 ? parts[0] : parts.flatMap { $0 }
    }
}
