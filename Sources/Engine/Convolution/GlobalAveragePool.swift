// Shape legend: N batch, C channels, H×W spatial size.

/// Averages each feature map to one number: `[N, C, H, W]` → `[N, C]`, ready for a Dense
/// head (the all-convolutional alternative to flattening).
public final class GlobalAveragePool: Layer {
    public var name: String
    public var parameters: [Parameter] { [] }

    private var cachedShape: [Int]?

    public init(name: String) {
        self.name = name
    }

    /// `[N, C, H, W]` → `[N, C]`.
    public func forward(_ input: Tensor, training: Bool) throws -> Tensor {
        guard input.shape.count == 4, input.shape[2] > 0, input.shape[3] > 0 else {
            throw EngineError.shapeMismatch(
                context: name, detail: "expected an NCHW input [N, C, H, W] with H, W > 0, got \(input.shape)")
        }
        let maps = input.shape[0] * input.shape[1]
        let area = input.shape[2] * input.shape[3]
        var output = Tensor(shape: [input.shape[0], input.shape[1]])
        let scale = 1 / Float(area)
        input.storage.withUnsafeBufferPointer { x in
            for map in 0..<maps {
                var sum: Float = 0
                for index in (map * area)..<((map + 1) * area) { sum += x[index] }
                output.storage[map] = sum * scale
            }
        }
        cachedShape = training ? input.shape : nil
        return output
    }

    /// Each map's gradient ÷ (H·W), spread over the map.
    public func backward(_ outputGradient: Tensor) throws -> Tensor {
        guard let shape = cachedShape else {
            throw EngineError.invalidState(
                context: name, detail: "backward needs a preceding forward(_:training: true)")
        }
        guard outputGradient.shape == [shape[0], shape[1]] else {
            throw EngineError.shapeMismatch(
                context: name, detail: "output gradient \(outputGradient.shape), expected \([shape[0], shape[1]])")
        }
        let area = shape[2] * shape[3]
        let scale = 1 / Float(area)
        var inputGradient = Tensor(shape: shape)
        inputGradient.storage.withUnsafeMutableBufferPointer { dx in
            for map in 0..<outputGradient.count {
                let share = outputGradient.storage[map] * scale
                for index in (map * area)..<((map + 1) * area) { dx[index] = share }
            }
        }
        return inputGradient
    }
}
