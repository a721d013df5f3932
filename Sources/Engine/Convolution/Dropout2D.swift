// Shape legend: N batch, C channels, H×W spatial size.

/// Channel dropout for feature maps: in training each whole map `[n, c, :, :]` is zeroed
/// with probability `rate` and the survivors scaled by 1/(1 − rate), so neighbouring pixels
/// (which are strongly correlated) cannot stand in for a dropped one. Identity at inference.
public final class Dropout2D: Layer {
    public var name: String
    /// Probability of dropping a map, in [0, 1); may change between steps (a tuning knob).
    public var rate: Float
    public var parameters: [Parameter] { [] }

    private var rng: SeededRNG
    /// Per (n, c): 0 for a dropped map, 1/(1 − rate) for a kept one (last training forward).
    private var maskScale: [Float]?
    private var cachedShape: [Int] = []

    /// Throws on a rate outside [0, 1).
    public init(name: String, rate: Float, seed: UInt64) throws {
        self.name = name
        self.rate = rate
        self.rng = SeededRNG(seed: seed)
        try validateRate()
    }

    private func validateRate() throws {
        guard rate >= 0, rate < 1 else {
            throw EngineError.invalidHyperparameter(context: name, name: "rate", value: "\(rate)", allowed: "[0, 1)")
        }
    }

    /// `[N, C, H, W]` → same shape.
    public func forward(_ input: Tensor, training: Bool) throws -> Tensor {
        try validateRate()
        guard input.shape.count == 4 else {
            throw EngineError.shapeMismatch(
                context: name, detail: "expected an NCHW input [N, C, H, W], got \(input.shape)")
        }
        cachedShape = input.shape
        guard training, rate > 0 else {
            maskScale = training ? [Float](repeating: 1, count: input.shape[0] * input.shape[1]) : nil
            return input
        }
        let maps = input.shape[0] * input.shape[1], area = input.shape[2] * input.shape[3]
        let keptScale = 1 / (1 - rate)
        var mask = [Float](repeating: 0, count: maps)
        for map in 0..<maps where rng.nextUnitFloat() >= rate { mask[map] = keptScale }
        var output = input
        for map in 0..<maps {
            let scale = mask[map]
            for index in (map * area)..<((map + 1) * area) { output.storage[index] *= scale }
        }
        maskScale = mask
        return output
    }

    /// The same maps dropped and scaled as in the last forward.
    public func backward(_ outputGradient: Tensor) throws -> Tensor {
        guard let mask = maskScale else {
            throw EngineError.invalidState(
                context: name, detail: "backward needs a preceding forward(_:training: true)")
        }
        guard outputGradient.shape == cachedShape else {
            throw EngineError.shapeMismatch(
                context: name, detail: "output gradient \(outputGradient.shape), expected \(cachedShape)")
        }
        let area = cachedShape[2] * cachedShape[3]
        var inputGradient = outputGradient
        for map in mask.indices {
            let scale = mask[map]
            for index in (map * area)..<((map + 1) * area) { inputGradient.storage[index] *= scale }
        }
        return inputGradient
    }
}
