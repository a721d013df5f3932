// Shapes: X [..., F] viewed as R rows × F features (Dense [N, F]; NHWC [N, H, W, F] per
// channel), gamma, beta, running mean/var [F].
//   training:  μ, σ² over the R rows; x̂ = (x − μ)/√(σ² + ε); y = γ·x̂ + β
//              running = (1 − momentum)·running + momentum·batch (PyTorch convention;
//              running variance unbiased)
//   inference: x̂ from the running statistics
//   backward (training): dγ += Σ dy·x̂, dβ += Σ dy,
//              dx = γ/(R·σ̂) · (R·dy − Σdy − x̂·Σ(dy·x̂))

/// Batch normalization over every axis but the last.
public final class BatchNorm: Layer {
    public var name: String
    /// Scale γ [F], initialized to 1, not decayed.
    public let gamma: Parameter
    /// Shift β [F], initialized to 0, not decayed.
    public let beta: Parameter
    public var parameters: [Parameter] { [gamma, beta] }
    /// Features normalized (last axis).
    public let features: Int
    /// Weight of the current batch in the running statistics.
    public let momentum: Float
    /// Added to the variance before the square root.
    public let epsilon: Float
    /// Running mean used at inference.
    public private(set) var runningMean: Tensor
    /// Running (unbiased) variance used at inference.
    public private(set) var runningVariance: Tensor
    private var normalized: Tensor?
    private var inverseStd: [Float] = []
    private var trainingPass = true

    public init(name: String, features: Int, momentum: Float = 0.1, epsilon: Float = 1e-5) throws {
        guard features > 0 else {
            throw EngineError.invalidHyperparameter(context: name, name: "features", value: "\(features)", allowed: "> 0")
        }
        guard momentum.isFinite, momentum >= 0, momentum <= 1 else {
            throw EngineError.invalidHyperparameter(context: name, name: "momentum", value: "\(momentum)", allowed: "0 ≤ momentum ≤ 1")
        }
        guard epsilon.isFinite, epsilon > 0 else {
            throw EngineError.invalidHyperparameter(context: name, name: "epsilon", value: "\(epsilon)", allowed: "> 0")
        }
        self.name = name
        self.features = features
        self.momentum = momentum
        self.epsilon = epsilon
        gamma = Parameter(name: "\(name).gamma", value: Tensor(shape: [features], repeating: 1), isDecayed: false)
        beta = Parameter(name: "\(name).beta", value: Tensor(shape: [features]), isDecayed: false)
        runningMean = Tensor(shape: [features])
        runningVariance = Tensor(shape: [features], repeating: 1)
    }

    public var buffers: [String: Tensor] { ["running_mean": runningMean, "running_var": runningVariance] }

    public func loadBuffers(_ buffers: [String: Tensor]) throws {
        let expected = Set(["running_mean", "running_var"])
        guard Set(buffers.keys) == expected else {
            throw EngineError.invalidState(
                context: name, detail: "buffers \(buffers.keys.sorted()) do not match \(expected.sorted())")
        }
        for (key, tensor) in buffers where tensor.shape != [features] {
            throw EngineError.shapeMismatch(context: "\(name).\(key)", detail: "has shape \(tensor.shape), expected [\(features)]")
        }
        runningMean = buffers["running_mean"]!
        runningVariance = buffers["running_var"]!
    }

    public func forward(_ input: Tensor, training: Bool) throws -> Tensor {
        guard input.rank >= 2, input.shape.last == features else {
            throw EngineError.shapeMismatch(context: name, detail: "expects input [..., \(features)], got \(input.shape)")
        }
        let rows = input.count / features
        var mean = [Float](repeating: 0, count: features)
        var variance = [Float](repeating: 0, count: features)
        if training {
            guard rows > 1 else {
                throw EngineError.shapeMismatch(
                    context: name, detail: "training needs more than one value per feature, got input \(input.shape)")
            }
            var sum = [Double](repeating: 0, count: features)
            var squares = [Double](repeating: 0, count: features)
            for r in 0..<rows {
                for f in 0..<features {
                    let x = Double(input.storage[r * features + f])
                    sum[f] += x
                    squares[f] += x * x
                }
            }
            for f in 0..<features {
                let m = sum[f] / Double(rows)
                mean[f] = Float(m)
                variance[f] = Float(Swift.max(0, squares[f] / Double(rows) - m * m))
                let unbiased = variance[f] * Float(rows) / Float(rows - 1)
                runningMean.storage[f] += momentum * (mean[f] - runningMean.storage[f])
                runningVariance.storage[f] += momentum * (unbiased - runningVariance.storage[f])
            }
        } else {
            mean = runningMean.storage
            variance = runningVariance.storage
        }
        inverseStd = variance.map { 1 / ($0 + epsilon).squareRoot() }
        var normalized = input
        var output = input
        for r in 0..<rows {
            for f in 0..<features {
                let i = r * features + f
                let xHat = (input.storage[i] - mean[f]) * inverseStd[f]
                normalized.storage[i] = xHat
                output.storage[i] = gamma.value.storage[f] * xHat + beta.value.storage[f]
            }
        }
        self.normalized = normalized
        trainingPass = training
        return output
    }

    public func backward(_ outputGradient: Tensor) throws -> Tensor {
        try LayerCheck.gradient(outputGradient, matches: normalized?.shape, layer: name)
        let xHat = normalized!
        let rows = xHat.count / features
        var sumDy = [Float](repeating: 0, count: features)
        var sumDyXHat = [Float](repeating: 0, count: features)
        for r in 0..<rows {
            for f in 0..<features {
                let i = r * features + f
                sumDy[f] += outputGradient.storage[i]
                sumDyXHat[f] += outputGradient.storage[i] * xHat.storage[i]
            }
        }
        for f in 0..<features {
            gamma.gradient.storage[f] += sumDyXHat[f]
            beta.gradient.storage[f] += sumDy[f]
        }
        var inputGradient = outputGradient
        let count = Float(rows)
        for r in 0..<rows {
            for f in 0..<features {
                let i = r * features + f
                let scale = gamma.value.storage[f] * inverseStd[f]
                if trainingPass {
                    inputGradient.storage[i] = scale / count
                        * (count * outputGradient.storage[i] - sumDy[f] - xHat.storage[i] * sumDyXHat[f])
                } else {
                    inputGradient.storage[i] = scale * outputGradient.storage[i]
                }
            }
        }
        return inputGradient
    }
}
