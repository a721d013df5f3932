/// The shape of one example as it flows through the layer list (batch dimension left
/// out), so a config whose layers don't chain is refused before anything is built.
public enum LayerShape: Sendable, Equatable, CustomStringConvertible {
    /// A feature vector; nil width when unknown before the data is read (CSV).
    case flat(Int?)
    /// An image `[channels, height, width]`.
    case image(channels: Int, height: Int, width: Int)

    public var description: String {
        switch self {
        case .flat(let width): return "[\(width.map(String.init) ?? "?")]"
        case .image(let c, let h, let w): return "[\(c), \(h), \(w)]"
        }
    }

    /// The width of a flat shape, when known.
    public var flatWidth: Int? {
        if case .flat(let width) = self { return width }
        return nil
    }
}

/// Why a layer cannot take the shape it is given (phrased to follow the layer's key).
struct ShapeMismatch: Error {
    var message: String
}

extension LayerSpec {
    /// Whether the model's input must be images: its first layer works on images.
    static func takesImages(_ layers: [LayerSpec]) -> Bool {
        layers.first.map { LayerKindName($0.kind).isSpatial } ?? false
    }

    /// The shape this layer outputs for `input`, or why it cannot take it.
    func outputShape(for input: LayerShape) throws(ShapeMismatch) -> LayerShape {
        switch kind {
        case .dense(let units), .maxout(let units, _):
            try requireFlat(input, fix: "add a flatten (or global_avg_pool) layer before it")
            return .flat(units)
        case .relu, .leakyReLU, .elu, .gelu, .tanh, .sigmoid, .dropout:
            return input
        case .prelu, .batchnorm, .softmax:
            try requireFlat(input, fix: "add a flatten layer before it, or use the 2d variant")
            return input
        case .conv2d(let filters, let kernel, let stride, let padding, _):
            let (c, h, w) = try requireImage(input)
            _ = c
            let outH = (h + 2 * padding - kernel) / stride + 1
            let outW = (w + 2 * padding - kernel) / stride + 1
            guard h + 2 * padding >= kernel, w + 2 * padding >= kernel else {
                throw ShapeMismatch(message: "kernel \(kernel) is larger than its padded input \(h + 2 * padding)×\(w + 2 * padding) (input \(input))")
            }
            return .image(channels: filters, height: outH, width: outW)
        case .maxpool(let kernel, let stride), .avgpool(let kernel, let stride):
            let (c, h, w) = try requireImage(input)
            guard h >= kernel, w >= kernel else {
                throw ShapeMismatch(message: "pool kernel \(kernel) is larger than its input \(input)")
            }
            return .image(channels: c, height: (h - kernel) / stride + 1, width: (w - kernel) / stride + 1)
        case .globalAvgPool:
            let (c, _, _) = try requireImage(input)
            return .flat(c)
        case .batchnorm2d, .dropout2d:
            _ = try requireImage(input)
            return input
        case .flatten:
            switch input {
            case .flat: return input
            case .image(let c, let h, let w): return .flat(c * h * w)
            }
        }
    }

    private func requireFlat(_ input: LayerShape, fix: String) throws(ShapeMismatch) {
        if case .image = input {
            throw ShapeMismatch(message: "(\(kindName)) needs a flat input but gets the image \(input); \(fix)")
        }
    }

    private func requireImage(_ input: LayerShape) throws(ShapeMismatch) -> (Int, Int, Int) {
        guard case .image(let c, let h, let w) = input else {
            throw ShapeMismatch(
                message: "(\(kindName)) needs an image input [channels, height, width] but gets the flat \(input); "
                    + "image layers must come first, before any flatten or dense layer, on an image data set")
        }
        return (c, h, w)
    }
}
