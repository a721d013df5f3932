import Foundation

// Elementwise activations: Y = f(X) of any shape, dX = dY ⊙ f'(X). Each caches what its
// derivative is cheapest from (the output for ReLU/tanh/sigmoid, the input otherwise).

/// max(x, 0). Units whose output is 0 for a whole batch are "dead".
public final class ReLU: Layer {
    public var name: String
    public var parameters: [Parameter] { [] }
    public var activationFamily: ActivationFamily { .reluFamily }
    private var output: Tensor?

    public init(name: String) { self.name = name }

    public func forward(_ input: Tensor, training: Bool) throws -> Tensor {
        let zero = SIMD8<Float>()
        let output = input.mapped(vector: { $0.replacing(with: zero, where: $0 .< zero) }, scalar: { Swift.max($0, 0) })
        self.output = output
        return output
    }

    public func backward(_ outputGradient: Tensor) throws -> Tensor {
        try LayerCheck.gradient(outputGradient, matches: output?.shape, layer: name)
        let zero = SIMD8<Float>()
        return outputGradient.combined(
            with: output!, vector: { g, y in g.replacing(with: zero, where: y .<= zero) },
            scalar: { g, y in y > 0 ? g : 0 })
    }
}

/// x for x > 0, slope·x otherwise: a small slope keeps units from dying.
public final class LeakyReLU: Layer {
    public var name: String
    public var parameters: [Parameter] { [] }
    public var activationFamily: ActivationFamily { .reluFamily }
    /// Slope for negative inputs.
    public let slope: Float
    private var input: Tensor?

    public init(name: String, slope: Float = 0.01) throws {
        guard slope.isFinite, slope >= 0, slope < 1 else {
            throw EngineError.invalidHyperparameter(context: name, name: "slope", value: "\(slope)", allowed: "0 ≤ slope < 1")
        }
        self.name = name
        self.slope = slope
    }

    public func forward(_ input: Tensor, training: Bool) throws -> Tensor {
        self.input = input
        let zero = SIMD8<Float>()
        let s = SIMD8<Float>(repeating: slope)
        let slope = slope
        return input.mapped(vector: { $0.replacing(with: $0 * s, where: $0 .< zero) }, scalar: { $0 < 0 ? $0 * slope : $0 })
    }

    public func backward(_ outputGradient: Tensor) throws -> Tensor {
        try LayerCheck.gradient(outputGradient, matches: input?.shape, layer: name)
        let zero = SIMD8<Float>()
        let s = SIMD8<Float>(repeating: slope)
        let slope = slope
        return outputGradient.combined(
            with: input!, vector: { g, x in g.replacing(with: g * s, where: x .< zero) },
            scalar: { g, x in x < 0 ? g * slope : g })
    }
}

/// x for x > 0, alpha·(eˣ − 1) otherwise: smooth, negative outputs keep mean activations near 0.
public final class ELU: Layer {
    public var name: String
    public var parameters: [Parameter] { [] }
    public var activationFamily: ActivationFamily { .reluFamily }
    /// Saturation value for large negative inputs is −alpha.
    public let alpha: Float
    private var input: Tensor?
    private var output: Tensor?

    public init(name: String, alpha: Float = 1) throws {
        guard alpha.isFinite, alpha > 0 else {
            throw EngineError.invalidHyperparameter(context: name, name: "alpha", value: "\(alpha)", allowed: "> 0")
        }
        self.name = name
        self.alpha = alpha
    }

    public func forward(_ input: Tensor, training: Bool) throws -> Tensor {
        let alpha = alpha
        let output = input.map { $0 > 0 ? $0 : alpha * (expf($0) - 1) }
        self.input = input
        self.output = output
        return output
    }

    public func backward(_ outputGradient: Tensor) throws -> Tensor {
        try LayerCheck.gradient(outputGradient, matches: input?.shape, layer: name)
        var gradient = outputGradient
        let input = input!, output = output!, alpha = alpha
        for i in gradient.storage.indices where input.storage[i] <= 0 {
            gradient.storage[i] *= output.storage[i] + alpha
        }
        return gradient
    }
}

/// x·Φ(x) with the exact normal CDF (as PyTorch's default GELU).
public final class GELU: Layer {
    public var name: String
    public var parameters: [Parameter] { [] }
    public var activationFamily: ActivationFamily { .reluFamily }
    private var input: Tensor?

    public init(name: String) { self.name = name }

    public func forward(_ input: Tensor, training: Bool) throws -> Tensor {
        self.input = input
        return input.map { 0.5 * $0 * (1 + erff($0 * 0.70710678)) }
    }

    public func backward(_ outputGradient: Tensor) throws -> Tensor {
        try LayerCheck.gradient(outputGradient, matches: input?.shape, layer: name)
        var gradient = outputGradient
        let input = input!
        for i in gradient.storage.indices {
            let x = input.storage[i]
            let cdf = 0.5 * (1 + erff(x * 0.70710678))
            let pdf = expf(-0.5 * x * x) * 0.39894228
            gradient.storage[i] *= cdf + x * pdf
        }
        return gradient
    }
}

/// tanh(x), bounded in (−1, 1); saturates for |x| ≫ 1.
public final class Tanh: Layer {
    public var name: String
    public var parameters: [Parameter] { [] }
    public var activationFamily: ActivationFamily { .saturating(lower: -1, upper: 1) }
    private var output: Tensor?

    public init(name: String) { self.name = name }

    public func forward(_ input: Tensor, training: Bool) throws -> Tensor {
        let output = input.map { tanhf($0) }
        self.output = output
        return output
    }

    public func backward(_ outputGradient: Tensor) throws -> Tensor {
        try LayerCheck.gradient(outputGradient, matches: output?.shape, layer: name)
        let one = SIMD8<Float>(repeating: 1)
        return outputGradient.combined(with: output!, vector: { g, y in g * (one - y * y) }, scalar: { g, y in g * (1 - y * y) })
    }
}

/// 1 / (1 + e⁻ˣ), bounded in (0, 1).
public final class Sigmoid: Layer {
    public var name: String
    public var parameters: [Parameter] { [] }
    public var activationFamily: ActivationFamily { .saturating(lower: 0, upper: 1) }
    private var output: Tensor?

    public init(name: String) { self.name = name }

    public func forward(_ input: Tensor, training: Bool) throws -> Tensor {
        let output = input.map(sigmoid)
        self.output = output
        return output
    }

    public func backward(_ outputGradient: Tensor) throws -> Tensor {
        try LayerCheck.gradient(outputGradient, matches: output?.shape, layer: name)
        let one = SIMD8<Float>(repeating: 1)
        return outputGradient.combined(with: output!, vector: { g, y in g * y * (one - y) }, scalar: { g, y in g * y * (1 - y) })
    }
}

/// The logistic function, stable for large |x| (no overflow of e⁻ˣ).
@inline(__always)
func sigmoid(_ x: Float) -> Float {
    if x >= 0 { return 1 / (1 + expf(-x)) }
    let e = expf(x)
    return e / (1 + e)
}
