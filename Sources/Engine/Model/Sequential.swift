/// Layers applied in order. Owns the dotted parameter names (`dense1.weight`) that telemetry,
/// checkpoints and the UI share, and optionally keeps every layer's output and input
/// gradient of the last pass for the trainer's probes.
public final class Sequential {
    /// The layers, first to last.
    public let layers: [any Layer]
    /// When true, `lastActivations` / `lastInputGradients` are kept (costs references only:
    /// tensors are copy-on-write and each layer's output is a fresh tensor).
    public var recordsActivations = false
    /// Each layer's output on the last forward (empty unless `recordsActivations`).
    public private(set) var lastActivations: [Tensor] = []
    /// Each layer's dLoss/dInput on the last backward, in layer order (empty unless
    /// `recordsActivations`).
    public private(set) var lastInputGradients: [Tensor] = []

    /// Throws when two layers share a name (their parameters would collide in checkpoints).
    public init(_ layers: [any Layer]) throws {
        var seen = Set<String>()
        for layer in layers {
            guard !layer.name.isEmpty, !layer.name.contains(".") else {
                throw EngineError.invalidHyperparameter(
                    context: "Sequential", name: "layer name", value: "\"\(layer.name)\"", allowed: "non-empty, no dots")
            }
            guard seen.insert(layer.name).inserted else {
                throw EngineError.invalidHyperparameter(
                    context: "Sequential", name: "layer name", value: "\"\(layer.name)\" (used twice)", allowed: "unique names")
            }
            for parameter in layer.parameters {
                let local = parameter.name.split(separator: ".").last.map(String.init) ?? parameter.name
                parameter.name = "\(layer.name).\(local)"
            }
        }
        self.layers = layers
    }

    /// Every trainable parameter in layer order.
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// (dotted name, parameter) pairs in layer order.
    public var namedParameters: [(String, Parameter)] { parameters.map { ($0.name, $0) } }

    /// A copy of every parameter value by dotted name (best-weights snapshots, checkpoints).
    public var parameterValues: [String: Tensor] {
        Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0.value) })
    }

    /// Restores values saved from `parameterValues`; throws naming a missing, unknown or
    /// mis-shaped parameter and changes nothing in that case.
    public func loadParameterValues(_ values: [String: Tensor]) throws {
        let parameters = parameters
        for parameter in parameters {
            guard let value = values[parameter.name] else {
                throw EngineError.invalidState(context: "Sequential", detail: "checkpoint lacks parameter \(parameter.name)")
            }
            guard value.shape == parameter.value.shape else {
                throw EngineError.shapeMismatch(
                    context: parameter.name, detail: "checkpoint has \(value.shape), model has \(parameter.value.shape)")
            }
        }
        let known = Set(parameters.map(\.name))
        if let unknown = values.keys.sorted().first(where: { !known.contains($0) }) {
            throw EngineError.invalidState(context: "Sequential", detail: "checkpoint has unknown parameter \(unknown)")
        }
        for parameter in parameters { parameter.value = values[parameter.name]! }
    }

    /// Every layer's buffers under dotted names (`bn1.running_mean`), for checkpoints.
    public var namedBuffers: [String: Tensor] {
        var result: [String: Tensor] = [:]
        for layer in layers {
            for (key, tensor) in layer.buffers { result["\(layer.name).\(key)"] = tensor }
        }
        return result
    }

    /// Restores buffers saved from `namedBuffers`; throws naming missing or unknown keys.
    public func loadNamedBuffers(_ buffers: [String: Tensor]) throws {
        var remaining = buffers
        for layer in layers {
            var own: [String: Tensor] = [:]
            for key in layer.buffers.keys {
                let dotted = "\(layer.name).\(key)"
                guard let tensor = remaining.removeValue(forKey: dotted) else {
                    throw EngineError.invalidState(context: "Sequential", detail: "checkpoint lacks buffer \(dotted)")
                }
                own[key] = tensor
            }
            if !own.isEmpty { try layer.loadBuffers(own) }
        }
        guard remaining.isEmpty else {
            throw EngineError.invalidState(
                context: "Sequential", detail: "checkpoint has unknown buffers \(remaining.keys.sorted())")
        }
    }

    /// The layer called `name`, if any.
    public func layer(named name: String) -> (any Layer)? { layers.first { $0.name == name } }

    /// Runs every layer; `training` switches dropout and batch statistics.
    public func forward(_ input: Tensor, training: Bool) throws -> Tensor {
        var x = input
        if recordsActivations { lastActivations.removeAll(keepingCapacity: true) }
        for layer in layers {
            x = try layer.forward(x, training: training)
            if recordsActivations { lastActivations.append(x) }
        }
        return x
    }

    /// Backpropagates dLoss/dOutput through every layer, accumulating parameter gradients;
    /// returns dLoss/dInput.
    public func backward(_ outputGradient: Tensor) throws -> Tensor {
        var g = outputGradient
        var gradients: [Tensor] = []
        if recordsActivations { gradients.reserveCapacity(layers.count) }
        for layer in layers.reversed() {
            g = try layer.backward(g)
            if recordsActivations { gradients.append(g) }
        }
        if recordsActivations { lastInputGradients = gradients.reversed() }
        return g
    }

    /// Training's backward: like `backward` but without dLoss/dInput of the first layer (the
    /// input is data), which saves a third of the first Dense layer's backward FLOPs. With
    /// `recordsActivations` on it runs the full `backward` so every input gradient is recorded.
    public func accumulateGradients(_ outputGradient: Tensor) throws {
        if recordsActivations || layers.isEmpty {
            _ = try backward(outputGradient)
            return
        }
        var g = outputGradient
        for layer in layers.dropFirst().reversed() { g = try layer.backward(g) }
        try layers[0].accumulateParameterGradients(g)
    }

    /// Sets every parameter gradient to zero.
    public func zeroGradients() {
        for parameter in parameters { parameter.gradient.fill(0) }
    }

    /// The first layer whose output on the last forward held NaN or ±∞ (needs `recordsActivations`).
    public var firstNonFiniteActivation: String? {
        zip(layers, lastActivations).first { !$0.1.isFinite }?.0.name
    }

    /// The last layer (the first reached by backward) whose input gradient held NaN or ±∞
    /// (needs `recordsActivations`).
    public var firstNonFiniteGradient: String? {
        zip(layers, lastInputGradients).reversed().first { !$0.1.isFinite }?.0.name
    }
}
