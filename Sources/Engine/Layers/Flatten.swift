// Shapes: X [N, d1, d2, …] → Y [N, d1·d2·…]; backward restores X's shape.

/// Flattens every axis after the batch axis (row-major, so NHWC flattens as (h, w, c)).
public final class Flatten: Layer {
    public var name: String
    public var parameters: [Parameter] { [] }
    private var inputShape: [Int]?

    public init(name: String) { self.name = name }

    public func forward(_ input: Tensor, training: Bool) throws -> Tensor {
        guard input.rank >= 1 else {
            throw EngineError.shapeMismatch(context: name, detail: "expects a batch axis, got a scalar")
        }
        inputShape = input.shape
        return try input.reshaped([input.rowCount, input.rowSize])
    }

    public func backward(_ outputGradient: Tensor) throws -> Tensor {
        guard let inputShape else {
            throw EngineError.invalidState(context: name, detail: "backward called before forward")
        }
        try LayerCheck.gradient(outputGradient, matches: [inputShape[0], inputShape.dropFirst().reduce(1, *)], layer: name)
        return try outputGradient.reshaped(inputShape)
    }
}
