// Shapes: X [..., F] (Dense [N, F] or NHWC [N, H, W, F]), slope a [F].
//   forward:  y = x for x > 0, a_f·x otherwise
//   backward: da_f += Σ_{x ≤ 0} dy·x, dx = dy (x > 0) or a_f·dy

/// Leaky ReLU with a learned slope per feature (the last axis).
public final class PReLU: Layer {
    public var name: String
    /// [F], not decayed (decaying slopes towards 0 would push the layer back to ReLU).
    public let slope: Parameter
    public var parameters: [Parameter] { [slope] }
    public var activationFamily: ActivationFamily { .reluFamily }
    /// Features (size of the last axis).
    public let features: Int
    private var input: Tensor?

    public init(name: String, features: Int, initialSlope: Float = 0.25) throws {
        guard features > 0 else {
            throw EngineError.invalidHyperparameter(context: name, name: "features", value: "\(features)", allowed: "> 0")
        }
        guard initialSlope.isFinite else {
            throw EngineError.invalidHyperparameter(
                context: name, name: "initialSlope", value: "\(initialSlope)", allowed: "finite")
        }
        self.name = name
        self.features = features
        slope = Parameter(name: "\(name).slope", value: Tensor(shape: [features], repeating: initialSlope), isDecayed: false)
    }

    public func forward(_ input: Tensor, training: Bool) throws -> Tensor {
        guard input.rank >= 2, input.shape.last == features else {
            throw EngineError.shapeMismatch(context: name, detail: "expects input [..., \(features)], got \(input.shape)")
        }
        self.input = input
        var output = input
        let a = slope.value.storage
        for i in output.storage.indices where output.storage[i] < 0 {
            output.storage[i] *= a[i % features]
        }
        return output
    }

    public func backward(_ outputGradient: Tensor) throws -> Tensor {
        try LayerCheck.gradient(outputGradient, matches: input?.shape, layer: name)
        let input = input!
        var gradient = outputGradient
        let a = slope.value.storage
        for i in gradient.storage.indices where input.storage[i] < 0 {
            let f = i % features
            slope.gradient.storage[f] += outputGradient.storage[i] * input.storage[i]
            gradient.storage[i] *= a[f]
        }
        return gradient
    }
}
