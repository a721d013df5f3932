// Shapes: any. Training: y = x ⊙ m / (1 − rate) with m ~ Bernoulli(1 − rate) (inverted
// dropout, so inference is the identity); backward: dx = dy ⊙ m / (1 − rate).

/// Zeroes a random fraction `rate` of activations while training.
public final class Dropout: Layer {
    public var name: String
    public var parameters: [Parameter] { [] }
    /// Fraction dropped, 0 ≤ rate < 1. Mutable mid-run (the trainer's regularization knob);
    /// checked at every forward so a bad value throws naming the layer instead of trapping.
    public var rate: Float
    /// The layer's own stream of masks (split from the model seed), checkpointable.
    public var rng: SeededRNG
    private var mask: Tensor?

    public init(name: String, rate: Float, seed: UInt64) throws {
        try Dropout.validate(rate, layer: name)
        self.name = name
        self.rate = rate
        self.rng = SeededRNG(seed: seed)
    }

    /// Sets `rate` after checking it.
    public func setRate(_ newRate: Float) throws {
        try Dropout.validate(newRate, layer: name)
        rate = newRate
    }

    static func validate(_ rate: Float, layer: String) throws {
        guard rate.isFinite, rate >= 0, rate < 1 else {
            throw EngineError.invalidHyperparameter(context: layer, name: "dropout rate", value: "\(rate)", allowed: "0 ≤ rate < 1")
        }
    }

    public func forward(_ input: Tensor, training: Bool) throws -> Tensor {
        try Dropout.validate(rate, layer: name)
        guard training, rate > 0 else {
            mask = nil
            return input
        }
        let keep = 1 - rate
        let scale = 1 / keep
        var mask = Tensor(shape: input.shape)
        for i in mask.storage.indices where rng.nextUnitFloat() < keep { mask.storage[i] = scale }
        self.mask = mask
        return input * mask
    }

    public func backward(_ outputGradient: Tensor) throws -> Tensor {
        guard let mask else { return outputGradient }
        try LayerCheck.gradient(outputGradient, matches: mask.shape, layer: name)
        return outputGradient * mask
    }
}
