/// A dense, row-major Float32 array with a shape. Storage is contiguous so kernels can
/// run over raw buffers; value semantics (copy on write) keep layers from aliasing.
public struct Tensor: Sendable, Equatable {
    /// Dimensions, outermost first (`[N, F]` for a batch of feature vectors).
    public private(set) var shape: [Int]
    /// The elements in row-major order; `count == shape.reduce(1, *)`.
    public var storage: [Float]

    /// Number of elements.
    public var count: Int { storage.count }

    /// A tensor of `shape` filled with `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        self.shape = shape
        self.storage = [Float](repeating: value, count: shape.reduce(1, *))
    }

    /// A tensor over existing elements; throws when the count does not match the shape.
    public init(shape: [Int], storage: [Float]) throws {
        let expected = shape.reduce(1, *)
        guard expected == storage.count, shape.allSatisfy({ $0 >= 0 }) else {
            throw EngineError.shapeMismatch(
                context: "Tensor(shape:storage:)",
                detail: "shape \(shape) holds \(expected) elements, storage has \(storage.count)")
        }
        self.shape = shape
        self.storage = storage
    }

    /// Internal: storage built by an engine kernel for a shape it already checked.
    init(validatedShape shape: [Int], storage: [Float]) {
        assert(shape.reduce(1, *) == storage.count)
        self.shape = shape
        self.storage = storage
    }

    /// The same elements under a new shape with the same element count.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        try Tensor(shape: newShape, storage: storage)
    }
}

/// Errors the engine throws instead of trapping: they name the layer and the values.
public enum EngineError: Error, Equatable, CustomStringConvertible {
    case shapeMismatch(context: String, detail: String)
    case invalidHyperparameter(context: String, name: String, value: String, allowed: String)
    case invalidState(context: String, detail: String)

    public var description: String {
        switch self {
        case .shapeMismatch(let context, let detail):
            return "\(context): shape mismatch: \(detail)"
        case .invalidHyperparameter(let context, let name, let value, let allowed):
            return "\(context): invalid \(name) \(value) (allowed: \(allowed))"
        case .invalidState(let context, let detail):
            return "\(context): \(detail)"
        }
    }
}
