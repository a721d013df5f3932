import Engine

/// Everything that makes a model and its optimizer continue exactly where they were: the
/// parameters, the layers' buffers (BatchNorm statistics), the optimizer's slots and step
/// count, and each dropout layer's mask stream. Tensors are copy-on-write, so capturing
/// costs references until the live model changes.
struct ModelState {
    var parameters: [String: Tensor]
    var buffers: [String: Tensor]
    var optimizer: OptimizerState
    var dropoutRNGs: [String: SeededRNG]

    /// Captures the current state.
    static func capture(model: Sequential, optimizer: Optimizer) -> ModelState {
        var parameters: [String: Tensor] = [:]
        for (name, parameter) in model.namedParameters { parameters[name] = parameter.value }
        var dropoutRNGs: [String: SeededRNG] = [:]
        for case let dropout as Dropout in model.layers { dropoutRNGs[dropout.name] = dropout.rng }
        return ModelState(
            parameters: parameters, buffers: model.namedBuffers, optimizer: optimizer.state(), dropoutRNGs: dropoutRNGs)
    }

    /// Puts the state back; throws naming a parameter that is missing or has another shape.
    func restore(model: Sequential, optimizer: Optimizer, context: String) throws {
        for (name, parameter) in model.namedParameters {
            guard let value = parameters[name] else {
                throw TrainingError.checkpoint(path: context, detail: "has no parameter \(name)")
            }
            guard value.shape == parameter.value.shape else {
                throw TrainingError.checkpoint(
                    path: context, detail: "\(name) has shape \(value.shape), the model's is \(parameter.value.shape)")
            }
        }
        for (name, parameter) in model.namedParameters {
            parameter.value = parameters[name] ?? parameter.value
            parameter.gradient.fill(0)
        }
        try model.loadNamedBuffers(buffers)
        try optimizer.load(self.optimizer)
        for case let dropout as Dropout in model.layers {
            if let rng = dropoutRNGs[dropout.name] { dropout.rng = rng }
        }
    }

    /// Restores only the weights and buffers (the LR finder's undo; the caller's optimizer
    /// is restored separately).
    func restoreWeights(model: Sequential) throws {
        for (name, parameter) in model.namedParameters {
            if let value = parameters[name] { parameter.value = value }
            parameter.gradient.fill(0)
        }
        try model.loadNamedBuffers(buffers)
        for case let dropout as Dropout in model.layers {
            if let rng = dropoutRNGs[dropout.name] { dropout.rng = rng }
        }
    }
}
