import Foundation

// Shapes: X [..., C] → Y [..., C], rows summing to 1 over the last axis.
//   backward: dx = y ⊙ (dy − Σ_c dy·y)
// For classification prefer raw logits into SoftmaxCrossEntropy (stable and cheaper); this
// layer exists for models whose outputs must be probabilities.

/// Softmax over the last axis.
public final class Softmax: Layer {
    public var name: String
    public var parameters: [Parameter] { [] }
    public var activationFamily: ActivationFamily { .saturating(lower: 0, upper: 1) }
    private var output: Tensor?

    public init(name: String) { self.name = name }

    public func forward(_ input: Tensor, training: Bool) throws -> Tensor {
        guard input.rank >= 1, let classes = input.shape.last, classes > 0 else {
            throw EngineError.shapeMismatch(context: name, detail: "expects [..., C] with C > 0, got \(input.shape)")
        }
        let output = softmaxLastAxis(input)
        self.output = output
        return output
    }

    public func backward(_ outputGradient: Tensor) throws -> Tensor {
        try LayerCheck.gradient(outputGradient, matches: output?.shape, layer: name)
        let output = output!
        let classes = output.shape.last!
        var gradient = outputGradient
        for row in 0..<(output.count / classes) {
            let base = row * classes
            var dot: Float = 0
            for c in 0..<classes { dot += outputGradient.storage[base + c] * output.storage[base + c] }
            for c in 0..<classes {
                gradient.storage[base + c] = output.storage[base + c] * (outputGradient.storage[base + c] - dot)
            }
        }
        return gradient
    }
}

/// Softmax over the last axis, max-shifted so large logits cannot overflow.
public func softmaxLastAxis(_ logits: Tensor) -> Tensor {
    guard let classes = logits.shape.last, classes > 0 else { return logits }
    var output = logits
    output.storage.withUnsafeMutableBufferPointer { out in
        for row in 0..<(out.count / classes) {
            let base = row * classes
            var peak = -Float.infinity
            for c in 0..<classes { peak = Swift.max(peak, out[base + c]) }
            var total: Float = 0
            for c in 0..<classes {
                let e = expf(out[base + c] - peak)
                out[base + c] = e
                total += e
            }
            let inverse = 1 / total
            for c in 0..<classes { out[base + c] *= inverse }
        }
    }
    return output
}
