/// Updates parameters from their gradients. One step: measure the global gradient norm,
/// clip (global norm, then value), add L2 / L1 terms (decayed parameters only), apply the
/// rule at `learningRate × parameter.learningRateMultiplier`, zero the gradient, then enforce
/// max-norm. Hyperparameters are plain mutable properties: the trainer changes them between
/// steps and `step` validates them, throwing with the offending value.
public final class Optimizer {
    /// The update rule.
    public let kind: OptimizerKind
    /// Base learning rate (> 0), mutable between steps.
    public var learningRate: Float
    /// L2 penalty coefficient, or the decoupled decay rate for AdamW / `decoupledWeightDecay`.
    public var weightDecay: Float
    /// Apply weight decay as p −= lr·wd·p rather than as a gradient term (always for AdamW).
    public var decoupledWeightDecay: Bool
    /// L1 penalty coefficient (adds l1·sign(p) to the gradient).
    public var l1: Float
    /// Caps each output unit's incoming weight norm (over all axes but the last).
    public var maxNorm: Float?
    /// Scales all gradients down when their global norm exceeds this.
    public var clipGlobalNorm: Float?
    /// Clamps each gradient element to ±clipValue.
    public var clipValue: Float?
    /// Also measure ‖Δp‖ and ‖p‖ per parameter (the update/weight ratio probe).
    public var reportsUpdateNorms = false
    /// Steps taken (Adam's bias correction counts from 1).
    public private(set) var stepCount = 0
    private var slots: [String: Slots] = [:]
    private var validatedParameters: [ObjectIdentifier] = []

    /// A parameter's state buffers (velocity; Adam's m and v; RMSprop's square average and
    /// momentum), mutated in place step after step.
    final class Slots {
        var first: [Float]
        var second: [Float]
        init(first: [Float], second: [Float]) {
            self.first = first
            self.second = second
        }
    }

    public init(
        kind: OptimizerKind, learningRate: Float, weightDecay: Float = 0, decoupledWeightDecay: Bool = false,
        l1: Float = 0, maxNorm: Float? = nil, clipGlobalNorm: Float? = nil, clipValue: Float? = nil
    ) throws {
        self.kind = kind
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
        self.l1 = l1
        self.maxNorm = maxNorm
        self.clipGlobalNorm = clipGlobalNorm
        self.clipValue = clipValue
        try kind.validate()
        try validateSettings()
    }

    /// Throws naming the first invalid setting.
    public func validateSettings() throws {
        func fail(_ name: String, _ value: Float, _ allowed: String) -> EngineError {
            .invalidHyperparameter(context: "Optimizer(\(kind.label))", name: name, value: "\(value)", allowed: allowed)
        }
        guard learningRate.isFinite, learningRate > 0 else { throw fail("learningRate", learningRate, "> 0") }
        guard weightDecay.isFinite, weightDecay >= 0 else { throw fail("weightDecay", weightDecay, "≥ 0") }
        guard l1.isFinite, l1 >= 0 else { throw fail("l1", l1, "≥ 0") }
        if let maxNorm, !(maxNorm.isFinite && maxNorm > 0) { throw fail("maxNorm", maxNorm, "> 0") }
        if let clipGlobalNorm, !(clipGlobalNorm.isFinite && clipGlobalNorm > 0) {
            throw fail("clipGlobalNorm", clipGlobalNorm, "> 0")
        }
        if let clipValue, !(clipValue.isFinite && clipValue > 0) { throw fail("clipValue", clipValue, "> 0") }
    }

    /// Applies one update to `parameters` and zeroes their gradients (read gradients for
    /// probes before calling this; the report carries their norms).
    @discardableResult
    public func step(_ parameters: [Parameter]) throws -> OptimizerStepReport {
        try validateSettings()
        let identities = parameters.map(ObjectIdentifier.init)
        if identities != validatedParameters {
            try validate(parameters)
            validatedParameters = identities
        }
        for parameter in parameters {
            guard parameter.gradient.shape == parameter.value.shape else {
                throw EngineError.shapeMismatch(
                    context: parameter.name, detail: "gradient \(parameter.gradient.shape) vs value \(parameter.value.shape)")
            }
        }
        // Clipping needs the global norm before any update; otherwise each parameter's norm is
        // measured inside its update pass.
        var gradientNorms: [Float] = []
        var clipScale: Float = 1
        if let clipGlobalNorm {
            gradientNorms = parameters.map { $0.gradient.norm() }
            let globalNorm = gradientNorms.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
            if globalNorm > clipGlobalNorm { clipScale = clipGlobalNorm / globalNorm }
        }
        let measureInPass = gradientNorms.isEmpty
        stepCount += 1
        var updateNorms: [Float] = []
        var weightNorms: [Float] = []
        for parameter in parameters {
            let before = reportsUpdateNorms ? parameter.value : nil
            let squares = try update(parameter, clipScale: clipScale)
            if measureInPass { gradientNorms.append(squares.squareRoot()) }
            if let maxNorm, parameter.isDecayed, parameter.value.rank >= 2 {
                Optimizer.constrainColumns(of: &parameter.value, to: maxNorm)
            }
            if let before {
                updateNorms.append((parameter.value - before).norm())
                weightNorms.append(parameter.value.norm())
            }
        }
        let globalNorm = gradientNorms.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        return OptimizerStepReport(
            step: stepCount, globalGradientNorm: globalNorm, clippedByGlobalNorm: clipScale < 1,
            gradientNorms: gradientNorms, updateNorms: updateNorms, weightNorms: weightNorms)
    }

    /// Names must be unique: slots and checkpoints are keyed by them.
    private func validate(_ parameters: [Parameter]) throws {
        var names = Set<String>()
        for parameter in parameters where !names.insert(parameter.name).inserted {
            throw EngineError.invalidState(context: "Optimizer.step", detail: "parameter name \(parameter.name) appears twice")
        }
    }

    /// The checkpointable state.
    public func state() -> OptimizerState {
        OptimizerState(
            version: OptimizerState.currentVersion, kind: kind, learningRate: learningRate, stepCount: stepCount,
            slots: slots.mapValues { slots in
                var named: [String: [Float]] = [:]
                if let name = kind.slotNames.first { named[name] = slots.first }
                if kind.slotNames.count > 1 { named[kind.slotNames[1]] = slots.second }
                return named
            })
    }

    /// Restores a state saved by `state()`; throws when the rule or version differ. Slot sizes
    /// are checked against each parameter at its next step.
    public func load(_ state: OptimizerState) throws {
        guard state.version == OptimizerState.currentVersion else {
            throw EngineError.invalidState(
                context: "Optimizer.load",
                detail: "state version \(state.version), this build reads \(OptimizerState.currentVersion)")
        }
        guard state.kind.label == kind.label else {
            throw EngineError.invalidState(
                context: "Optimizer.load", detail: "state is for \(state.kind.label), optimizer is \(kind.label)")
        }
        guard state.stepCount >= 0, state.learningRate.isFinite, state.learningRate > 0 else {
            throw EngineError.invalidState(
                context: "Optimizer.load", detail: "step \(state.stepCount), learning rate \(state.learningRate)")
        }
        var restored: [String: Slots] = [:]
        let names = kind.slotNames
        for (name, parameterSlots) in state.slots {
            guard Set(parameterSlots.keys) == Set(names) else {
                throw EngineError.invalidState(
                    context: "Optimizer.load", detail: "\(name) has slots \(parameterSlots.keys.sorted()), \(kind.label) keeps \(names)")
            }
            restored[name] = Slots(
                first: names.first.flatMap { parameterSlots[$0] } ?? [],
                second: names.count > 1 ? parameterSlots[names[1]] ?? [] : [])
        }
        slots = restored
        stepCount = state.stepCount
        learningRate = state.learningRate
    }

    /// The state slots of a parameter, created as zeros or checked against its size.
    private func slots(for parameter: Parameter) throws -> Slots {
        if let existing = slots[parameter.name] {
            if existing.first.count != (kind.slotNames.isEmpty ? 0 : parameter.value.count)
                || existing.second.count != (kind.slotNames.count > 1 ? parameter.value.count : 0) {
                throw EngineError.shapeMismatch(
                    context: parameter.name,
                    detail: "optimizer state holds \(existing.first.count) and \(existing.second.count) values, "
                        + "parameter has \(parameter.value.count)")
            }
            return existing
        }
        let count = parameter.value.count
        let created = Slots(
            first: [Float](repeating: 0, count: kind.slotNames.isEmpty ? 0 : count),
            second: [Float](repeating: 0, count: kind.slotNames.count > 1 ? count : 0))
        slots[parameter.name] = created
        return created
    }

    /// Updates one parameter; returns Σg² of its raw gradient.
    private func update(_ parameter: Parameter, clipScale: Float) throws -> Float {
        let state = try slots(for: parameter)
        let rate = learningRate * parameter.learningRateMultiplier
        let decayed = parameter.isDecayed
        let decoupled: Bool
        if case .adamW = kind { decoupled = true } else { decoupled = decoupledWeightDecay }
        let terms = GradientTerms(
            scale: clipScale, clipValue: clipValue,
            l2: decayed && !decoupled ? weightDecay : 0, l1: decayed ? l1 : 0)
        let shrink: Float = decayed && decoupled ? 1 - rate * weightDecay : 1
        return UpdateRule.apply(
            kind: kind, step: stepCount, rate: rate, shrink: shrink, terms: terms,
            value: &parameter.value.storage, gradient: &parameter.gradient.storage,
            first: &state.first, second: &state.second)
    }

    /// Scales each last-axis column whose norm over the other axes exceeds `limit` back to it.
    static func constrainColumns(of value: inout Tensor, to limit: Float) {
        let columns = value.shape.last ?? 1
        let rows = value.count / columns
        var squares = [Float](repeating: 0, count: columns)
        for r in 0..<rows {
            for c in 0..<columns { squares[c] += value.storage[r * columns + c] * value.storage[r * columns + c] }
        }
        let scales = squares.map { $0.squareRoot() > limit ? limit / $0.squareRoot() : 1 }
        guard scales.contains(where: { $0 != 1 }) else { return }
        for r in 0..<rows {
            for c in 0..<columns { value.storage[r * columns + c] *= scales[c] }
        }
    }
}
