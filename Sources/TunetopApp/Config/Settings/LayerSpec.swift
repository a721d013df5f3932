/// One entry of `[[model.layers]]`: a layer kind with its options and initializers.
public struct LayerSpec: Sendable, Equatable {
    /// The layer and the options it takes.
    public enum Kind: Sendable, Equatable {
        case dense(units: Int)
        case relu
        case leakyReLU(slope: Double)
        case prelu(initialSlope: Double)
        case elu(alpha: Double)
        case gelu, tanh, sigmoid, softmax
        case maxout(units: Int, pieces: Int)
        case dropout(rate: Double)
        case batchnorm(momentum: Double, epsilon: Double)
        case conv2d(filters: Int, kernel: Int, stride: Int, padding: Int, bias: Bool)
        case maxpool(kernel: Int, stride: Int)
        case avgpool(kernel: Int, stride: Int)
        case globalAvgPool
        case batchnorm2d(momentum: Double, epsilon: Double)
        case dropout2d(rate: Double)
        case flatten
    }

    /// The layer.
    public var kind: Kind
    /// The weight initializer (dense, maxout); nil: the layer's own default (He normal
    /// for dense, Glorot uniform for maxout). Conv2D always starts from He normal.
    public var weightInit: InitializerChoice?
    /// The bias initializer (dense); nil: zeros.
    public var biasInit: InitializerChoice?

    /// Creates a layer entry.
    public init(_ kind: Kind, weightInit: InitializerChoice? = nil, biasInit: InitializerChoice? = nil) {
        self.kind = kind
        self.weightInit = weightInit
        self.biasInit = biasInit
    }

    /// The word written as `kind = "…"`.
    public var kindName: String { LayerKindName(self.kind).rawValue }

    /// The stem of the layer's name in the model (`dense` → `dense1`, `conv2d` → `conv1`).
    public var nameStem: String {
        switch kind {
        case .conv2d: return "conv"
        default: return kindName
        }
    }

    /// Names for a list of layers, numbered per stem: `dense1`, `relu1`, `dense2`, …
    public static func names(for layers: [LayerSpec]) -> [String] {
        var counts: [String: Int] = [:]
        return layers.map { layer in
            counts[layer.nameStem, default: 0] += 1
            return "\(layer.nameStem)\(counts[layer.nameStem]!)"
        }
    }
}

/// The `kind` words of `[[model.layers]]`.
public enum LayerKindName: String, ConfigChoice {
    case dense, relu
    case leakyReLU = "leaky_relu"
    case prelu, elu, gelu, tanh, sigmoid, softmax, maxout, dropout, batchnorm, conv2d, maxpool, avgpool
    case globalAvgPool = "global_avg_pool"
    case batchnorm2d, dropout2d, flatten

    /// The name of a layer kind.
    public init(_ kind: LayerSpec.Kind) {
        switch kind {
        case .dense: self = .dense
        case .relu: self = .relu
        case .leakyReLU: self = .leakyReLU
        case .prelu: self = .prelu
        case .elu: self = .elu
        case .gelu: self = .gelu
        case .tanh: self = .tanh
        case .sigmoid: self = .sigmoid
        case .softmax: self = .softmax
        case .maxout: self = .maxout
        case .dropout: self = .dropout
        case .batchnorm: self = .batchnorm
        case .conv2d: self = .conv2d
        case .maxpool: self = .maxpool
        case .avgpool: self = .avgpool
        case .globalAvgPool: self = .globalAvgPool
        case .batchnorm2d: self = .batchnorm2d
        case .dropout2d: self = .dropout2d
        case .flatten: self = .flatten
        }
    }

    /// Whether the layer works on images `[C, H, W]` (and so makes the model take images).
    var isSpatial: Bool {
        switch self {
        case .conv2d, .maxpool, .avgpool, .globalAvgPool, .batchnorm2d, .dropout2d: return true
        default: return false
        }
    }
}

/// Weight and bias initializers by their config names.
public enum InitializerChoice: String, ConfigChoice {
    case heNormal = "he_normal"
    case heUniform = "he_uniform"
    case glorotNormal = "glorot_normal"
    case glorotUniform = "glorot_uniform"
    case zeros, ones
}
