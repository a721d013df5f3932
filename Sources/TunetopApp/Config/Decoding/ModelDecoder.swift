/// Reads `[[model.layers]]` (each layer's options depend on its kind) and checks that the
/// shapes chain from the data set's input to one output per class.
enum ModelDecoder {
    static func decode(_ reader: TableReader) throws -> ([LayerSpec], [TableReader]) {
        guard let layerReaders = try reader.tables("layers"), !layerReaders.isEmpty else {
            throw reader.error("layers", "needs at least one layer ([[model.layers]] with kind = …)")
        }
        try reader.rejectUnknownKeys()
        return (try layerReaders.map(layer), layerReaders)
    }

    /// Every option some layer kind takes: when `--set model.layers[i].kind=…` switches a
    /// layer's kind, the file's options that only the old kind took are dropped.
    static let layerOptions: Set<String> = [
        "units", "weight_init", "bias_init", "slope", "initial_slope", "alpha", "pieces", "rate", "momentum", "epsilon",
        "filters", "kernel", "stride", "padding", "bias",
    ]

    static func layer(_ reader: TableReader) throws -> LayerSpec {
        guard let name = try reader.optionalChoice("kind", LayerKindName.self) else {
            if let typo = reader.table.entries.first(where: { DidYouMean.suggestion(for: $0.key, among: ["kind"]) != nil }) {
                throw ConfigError(
                    origin: typo.value.origin, key: reader.qualified(typo.key), message: "is unknown; did you mean 'kind'?")
            }
            throw ConfigError(
                origin: reader.origin, key: reader.qualified("kind"), message: "is required",
                allowed: LayerKindName.allowedValues)
        }
        var spec = LayerSpec(try kind(name, reader))
        switch name {
        case .dense:
            spec.weightInit = try reader.optionalChoice("weight_init", InitializerChoice.self)
            spec.biasInit = try reader.optionalChoice("bias_init", InitializerChoice.self)
        case .maxout:
            spec.weightInit = try reader.optionalChoice("weight_init", InitializerChoice.self)
        default:
            break
        }
        try reader.rejectUnknownKeys(context: "a \(name.rawValue) layer", otherKindsOptions: layerOptions)
        return spec
    }

    private static func kind(_ name: LayerKindName, _ reader: TableReader) throws -> LayerSpec.Kind {
        switch name {
        case .dense:
            return .dense(units: try required(reader, "units", for: name, .above(0)))
        case .relu: return .relu
        case .leakyReLU: return .leakyReLU(slope: try reader.double("slope", default: 0.01, .from(0, below: 1)))
        case .prelu: return .prelu(initialSlope: try reader.double("initial_slope", default: 0.25, .from(0, below: 1)))
        case .elu: return .elu(alpha: try reader.double("alpha", default: 1, .above(0)))
        case .gelu: return .gelu
        case .tanh: return .tanh
        case .sigmoid: return .sigmoid
        case .softmax: return .softmax
        case .maxout:
            return .maxout(
                units: try required(reader, "units", for: name, .above(0)),
                pieces: try reader.int("pieces", default: 2, .atLeast(2)))
        case .dropout: return .dropout(rate: try reader.double("rate", default: 0.5, .from(0, below: 1)))
        case .dropout2d: return .dropout2d(rate: try reader.double("rate", default: 0.5, .from(0, below: 1)))
        case .batchnorm:
            return .batchnorm(
                momentum: try reader.double("momentum", default: 0.1, .above(0, upTo: 1)),
                epsilon: try reader.double("epsilon", default: 1e-5, .above(0)))
        case .batchnorm2d:
            return .batchnorm2d(
                momentum: try reader.double("momentum", default: 0.1, .above(0, upTo: 1)),
                epsilon: try reader.double("epsilon", default: 1e-5, .above(0)))
        case .conv2d:
            let kernel = try reader.int("kernel", default: 3, .above(0))
            return .conv2d(
                filters: try required(reader, "filters", for: name, .above(0)), kernel: kernel,
                stride: try reader.int("stride", default: 1, .above(0)),
                padding: try reader.int("padding", default: 0, .from(0, below: kernel)),
                bias: try reader.bool("bias", default: true))
        case .maxpool, .avgpool:
            let kernel = try reader.int("kernel", default: 2, .above(0))
            let stride = try reader.int("stride", default: kernel, .above(0))
            return name == .maxpool ? .maxpool(kernel: kernel, stride: stride) : .avgpool(kernel: kernel, stride: stride)
        case .globalAvgPool: return .globalAvgPool
        case .flatten: return .flatten
        }
    }

    /// A required size; when absent, 1 stands in until `rejectUnknownKeys` reports the
    /// missing key (after any misspelt one).
    private static func required(
        _ reader: TableReader, _ key: String, for name: LayerKindName, _ bound: ValueBound<Int>
    ) throws -> Int {
        guard reader.require(key, "is required for a \(name.rawValue) layer") else { return 1 }
        return try reader.int(key, default: 0, bound)
    }

    /// Walks the shapes through the layers; the error names the first layer that cannot
    /// take its input, or the last when the output does not match the classes.
    static func checkShapes(_ config: RunConfig, layerReaders: [TableReader], modelOrigin: ConfigOrigin) throws {
        func where_(_ index: Int) -> (ConfigOrigin, String) {
            index < layerReaders.count
                ? (layerReaders[index].origin, layerReaders[index].path) : (modelOrigin, "model.layers[\(index)]")
        }
        let takesImages = LayerSpec.takesImages(config.layers)
        if takesImages, config.data.dataset == .csv {
            let (origin, key) = where_(0)
            throw ConfigError(
                origin: origin, key: key,
                message: "(\(config.layers[0].kindName)) needs images but a csv data set is flat; start with dense layers")
        }
        var shape = config.data.inputShape(asImages: takesImages)
        for (index, layer) in config.layers.enumerated() {
            do {
                shape = try layer.outputShape(for: shape)
            } catch {
                let (origin, key) = where_(index)
                throw ConfigError(origin: origin, key: key, message: error.message)
            }
        }
        let last = config.layers.count - 1
        let (origin, key) = where_(last)
        if case .crossEntropy = config.loss, case .softmax = config.layers[last].kind {
            throw ConfigError(
                origin: origin, key: key,
                message: "(softmax) before loss 'cross_entropy' applies softmax twice (cross_entropy takes logits); remove this layer")
        }
        guard case .flat(let width) = shape else {
            throw ConfigError(
                origin: origin, key: key,
                message: "(\(config.layers[last].kindName)) leaves the image \(shape) at the end of the model; "
                    + "add flatten (or global_avg_pool) and a dense layer with one unit per class")
        }
        if case .binaryCrossEntropy = config.loss, case .sigmoid = config.layers[last].kind {
            throw ConfigError(
                origin: origin, key: key,
                message: "(sigmoid) before loss 'bce' applies the sigmoid twice (bce takes logits); remove this layer")
        }
        if let message = OutputCheck.mismatch(width: width, classes: config.data.knownClassCount, loss: config.loss,
                                              dataset: config.data.dataset.rawValue) {
            throw ConfigError(origin: origin, key: key, message: "(\(config.layers[last].kindName)) \(message)")
        }
    }
}
