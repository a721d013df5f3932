import Engine

/// Builds the `Sequential` from the layer list, walking the real input shape through it
/// so every layer gets its input size (and CSV widths, unknown at validation, are checked).
enum ModelFactory {
    static func make(
        _ layers: [LayerSpec], inputShape: [Int], classCount: Int, config: RunConfig, rng: inout SeededRNG
    ) throws -> Sequential {
        var shape: LayerShape = inputShape.count == 3
            ? .image(channels: inputShape[0], height: inputShape[1], width: inputShape[2])
            : .flat(inputShape.reduce(1, *))
        let names = LayerSpec.names(for: layers)
        var built: [any Layer] = []
        for (index, (spec, name)) in zip(layers, names).enumerated() {
            let key = "model.layers[\(index)]"
            let input = shape
            do {
                shape = try spec.outputShape(for: input)
            } catch {
                throw ConfigError(origin: nil, key: key, message: error.message)
            }
            built.append(try layer(spec, name: name, input: input, rng: &rng))
        }
        if let message = OutputCheck.mismatch(
            width: shape.flatWidth, classes: classCount, loss: config.loss, dataset: config.data.dataset.rawValue)
        {
            throw ConfigError(origin: nil, key: "model.layers[\(layers.count - 1)]", message: "(\(layers.last!.kindName)) \(message)")
        }
        return try Sequential(built)
    }

    private static func layer(_ spec: LayerSpec, name: String, input: LayerShape, rng: inout SeededRNG) throws -> any Layer {
        let width = input.flatWidth ?? 0
        var channels = 0
        if case .image(let c, _, _) = input { channels = c }
        switch spec.kind {
        case .dense(let units):
            return try Dense(
                name: name, inputSize: width, outputSize: units, weightInit: initializer(spec.weightInit) ?? .heNormal,
                biasInit: initializer(spec.biasInit) ?? .zeros, rng: &rng)
        case .maxout(let units, let pieces):
            return try Maxout(
                name: name, inputSize: width, outputSize: units, pieces: pieces,
                weightInit: initializer(spec.weightInit) ?? .glorotUniform, rng: &rng)
        case .relu: return ReLU(name: name)
        case .leakyReLU(let slope): return try LeakyReLU(name: name, slope: Float(slope))
        case .prelu(let slope): return try PReLU(name: name, features: width, initialSlope: Float(slope))
        case .elu(let alpha): return try ELU(name: name, alpha: Float(alpha))
        case .gelu: return GELU(name: name)
        case .tanh: return Tanh(name: name)
        case .sigmoid: return Sigmoid(name: name)
        case .softmax: return Softmax(name: name)
        case .dropout(let rate): return try Dropout(name: name, rate: Float(rate), seed: rng.next())
        case .batchnorm(let momentum, let epsilon):
            return try BatchNorm(name: name, features: width, momentum: Float(momentum), epsilon: Float(epsilon))
        case .conv2d(let filters, let kernel, let stride, let padding, let bias):
            return try Conv2D(
                name: name, inChannels: channels, outChannels: filters, kernelSize: kernel, stride: stride,
                padding: .explicit(padding), bias: bias, rng: &rng)
        case .maxpool(let kernel, let stride): return try MaxPool2D(name: name, kernel: kernel, stride: stride)
        case .avgpool(let kernel, let stride): return try AvgPool2D(name: name, kernel: kernel, stride: stride)
        case .globalAvgPool: return GlobalAveragePool(name: name)
        case .batchnorm2d(let momentum, let epsilon):
            return try BatchNorm2D(name: name, channels: channels, momentum: Float(momentum), epsilon: Float(epsilon))
        case .dropout2d(let rate): return try Dropout2D(name: name, rate: Float(rate), seed: rng.next())
        case .flatten: return Flatten(name: name)
        }
    }

    private static func initializer(_ choice: InitializerChoice?) -> Initializer? {
        guard let choice else { return nil }
        switch choice {
        case .heNormal: return .heNormal
        case .heUniform: return .heUniform
        case .glorotNormal: return .glorotNormal
        case .glorotUniform: return .glorotUniform
        case .zeros: return .zeros
        case .ones: return .constant(1)
        }
    }
}
