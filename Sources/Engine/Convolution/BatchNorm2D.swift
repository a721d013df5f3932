// Shape legend: N batch, C channels, H×W spatial size, M = N·H·W values per channel.

/// Batch normalization of NCHW feature maps, one mean/variance per channel over (N, H, W):
/// `y = γ·(x − μ)/√(σ² + ε) + β`. Training normalizes with the batch's statistics and folds
/// them into running averages; inference uses the running averages.
///
/// `momentum` follows PyTorch: the weight of the *new* batch, `running = (1 − m)·running + m·batch`
/// (Keras' 0.99 is this 0.01). The running variance is the unbiased batch variance.
public final class BatchNorm2D: Layer {
    public var name: String {
        didSet { nameParameters() }
    }
    public let channels: Int
    public let momentum: Float
    public let epsilon: Float
    /// Scale γ `[C]`, initialised to 1.
    public let gamma: Parameter
    /// Shift β `[C]`, initialised to 0.
    public let beta: Parameter
    /// Running mean `[C]` used at inference (checkpointed, not trained).
    public private(set) var runningMean: Tensor
    /// Running (unbiased) variance `[C]` used at inference.
    public private(set) var runningVariance: Tensor

    public var parameters: [Parameter] { [gamma, beta] }

    /// The running statistics, under the same keys as `BatchNorm`'s.
    public var buffers: [String: Tensor] { ["running_mean": runningMean, "running_var": runningVariance] }

    /// Restores `buffers`; throws naming a missing key or a shape other than `[C]`.
    public func loadBuffers(_ buffers: [String: Tensor]) throws {
        let expected = Set(["running_mean", "running_var"])
        guard Set(buffers.keys) == expected else {
            throw EngineError.invalidState(
                context: name, detail: "buffers \(buffers.keys.sorted()) do not match \(expected.sorted())")
        }
        for (key, tensor) in buffers where tensor.shape != [channels] {
            throw EngineError.shapeMismatch(
                context: name, detail: "buffer \(key) has shape \(tensor.shape), expected [\(channels)]")
        }
        runningMean = buffers["running_mean"]!
        runningVariance = buffers["running_var"]!
    }

    /// Normalized input x̂ and 1/√(σ² + ε) per channel, from the last training forward.
    private var normalized: Tensor?
    private var inverseStd: [Float] = []

    /// Throws on `channels < 1`, `momentum` outside [0, 1] or `epsilon ≤ 0`.
    public init(name: String, channels: Int, momentum: Float = 0.1, epsilon: Float = 1e-5) throws {
        try requireAtLeast(1, channels, name: "channels", layer: name)
        guard momentum >= 0, momentum <= 1 else {
            throw EngineError.invalidHyperparameter(
                context: name, name: "momentum", value: "\(momentum)", allowed: "[0, 1]")
        }
        guard epsilon > 0, epsilon.isFinite else {
            throw EngineError.invalidHyperparameter(
                context: name, name: "epsilon", value: "\(epsilon)", allowed: "> 0")
        }
        self.name = name
        self.channels = channels
        self.momentum = momentum
        self.epsilon = epsilon
        self.gamma = Parameter(name: "", value: Tensor(shape: [channels], repeating: 1), isDecayed: false)
        self.beta = Parameter(name: "", value: Tensor(shape: [channels]), isDecayed: false)
        self.runningMean = Tensor(shape: [channels])
        self.runningVariance = Tensor(shape: [channels], repeating: 1)
        nameParameters()
    }

    private func nameParameters() {
        gamma.name = "\(name).gamma"
        beta.name = "\(name).beta"
    }

    /// `[N, C, H, W]` → same shape.
    public func forward(_ input: Tensor, training: Bool) throws -> Tensor {
        guard input.shape.count == 4, input.shape[1] == channels else {
            throw EngineError.shapeMismatch(
                context: name, detail: "expected NCHW input [N, \(channels), H, W], got \(input.shape)")
        }
        let batch = input.shape[0], area = input.shape[2] * input.shape[3]
        let perChannel = batch * area
        guard perChannel > 0 else {
            throw EngineError.shapeMismatch(context: name, detail: "empty input \(input.shape)")
        }
        var output = Tensor(shape: input.shape)
        var mean = runningMean.storage
        var variance = runningVariance.storage
        if training {
            for c in 0..<channels {
                var sum = 0.0, sumOfSquares = 0.0
                for n in 0..<batch {
                    let start = (n * channels + c) * area
                    for index in start..<(start + area) {
                        let value = Double(input.storage[index])
                        sum += value
                        sumOfSquares += value * value
                    }
                }
                let batchMean = sum / Double(perChannel)
                let batchVariance = max(0, sumOfSquares / Double(perChannel) - batchMean * batchMean)
                mean[c] = Float(batchMean)
                variance[c] = Float(batchVariance)
                let unbiased = perChannel > 1 ? batchVariance * Double(perChannel) / Double(perChannel - 1) : batchVariance
                runningMean.storage[c] = (1 - momentum) * runningMean.storage[c] + momentum * Float(batchMean)
                runningVariance.storage[c] = (1 - momentum) * runningVariance.storage[c] + momentum * Float(unbiased)
            }
        }
        let inverse = variance.map { 1 / ($0 + epsilon).squareRoot() }
        var xHat = training ? Tensor(shape: input.shape) : Tensor(shape: [0])
        for n in 0..<batch {
            for c in 0..<channels {
                let start = (n * channels + c) * area
                let m = mean[c], s = inverse[c], scale = gamma.value.storage[c], shift = beta.value.storage[c]
                for index in start..<(start + area) {
                    let normalizedValue = (input.storage[index] - m) * s
                    if training { xHat.storage[index] = normalizedValue }
                    output.storage[index] = scale * normalizedValue + shift
                }
            }
        }
        normalized = training ? xHat : nil
        inverseStd = inverse
        return output
    }

    /// dx = γ/(σ·M) · (M·dy − Σdy − x̂·Σ(dy·x̂)); adds dγ = Σ dy·x̂ and dβ = Σ dy.
    public func backward(_ outputGradient: Tensor) throws -> Tensor {
        guard let xHat = normalized else {
            throw EngineError.invalidState(
                context: name, detail: "backward needs a preceding forward(_:training: true)")
        }
        guard outputGradient.shape == xHat.shape else {
            throw EngineError.shapeMismatch(
                context: name, detail: "output gradient \(outputGradient.shape), expected \(xHat.shape)")
        }
        let batch = xHat.shape[0], area = xHat.shape[2] * xHat.shape[3]
        let perChannel = Float(batch * area)
        var inputGradient = Tensor(shape: xHat.shape)
        for c in 0..<channels {
            var sumGradient: Float = 0, sumGradientXHat: Float = 0
            for n in 0..<batch {
                let start = (n * channels + c) * area
                for index in start..<(start + area) {
                    sumGradient += outputGradient.storage[index]
                    sumGradientXHat += outputGradient.storage[index] * xHat.storage[index]
                }
            }
            gamma.gradient.storage[c] += sumGradientXHat
            beta.gradient.storage[c] += sumGradient
            let factor = gamma.value.storage[c] * inverseStd[c] / perChannel
            for n in 0..<batch {
                let start = (n * channels + c) * area
                for index in start..<(start + area) {
                    inputGradient.storage[index] = factor
                        * (perChannel * outputGradient.storage[index] - sumGradient
                            - xHat.storage[index] * sumGradientXHat)
                }
            }
        }
        return inputGradient
    }
}
