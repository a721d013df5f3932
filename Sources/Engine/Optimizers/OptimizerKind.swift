/// The update rule. Conventions follow PyTorch so runs compare with the shared baselines:
/// SGD momentum v = μv + g, p −= lr·v (Nesterov: p −= lr·(g + μv)); Adam bias-corrected with
/// ε added after the square root; RMSprop s = ρs + (1 − ρ)g², p −= lr·g/(√s + ε).
public enum OptimizerKind: Sendable, Equatable, Codable {
    case sgd(momentum: Float, nesterov: Bool)
    case adam(beta1: Float, beta2: Float, epsilon: Float)
    /// Adam with decoupled weight decay (p −= lr·wd·p before the Adam step).
    case adamW(beta1: Float, beta2: Float, epsilon: Float)
    case rmsprop(rho: Float, epsilon: Float, momentum: Float)

    /// Plain SGD with momentum 0.9 (the shared workloads' optimizer).
    public static let sgdMomentum = OptimizerKind.sgd(momentum: 0.9, nesterov: false)
    /// Adam with the usual defaults.
    public static let adamDefault = OptimizerKind.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)

    /// Short name for logs and checkpoints.
    public var label: String {
        switch self {
        case .sgd: return "sgd"
        case .adam: return "adam"
        case .adamW: return "adamw"
        case .rmsprop: return "rmsprop"
        }
    }

    /// Per-parameter state slots the rule keeps.
    var slotNames: [String] {
        switch self {
        case .sgd(let momentum, _): return momentum == 0 ? [] : ["velocity"]
        case .adam, .adamW: return ["m", "v"]
        case .rmsprop(_, _, let momentum): return momentum == 0 ? ["square_avg"] : ["square_avg", "momentum"]
        }
    }

    func validate() throws {
        func check(_ name: String, _ value: Float, _ ok: Bool, _ allowed: String) throws {
            guard value.isFinite, ok else {
                throw EngineError.invalidHyperparameter(context: "Optimizer(\(label))", name: name, value: "\(value)", allowed: allowed)
            }
        }
        switch self {
        case .sgd(let momentum, let nesterov):
            try check("momentum", momentum, momentum >= 0 && momentum < 1, "0 ≤ momentum < 1")
            if nesterov {
                try check("momentum", momentum, momentum > 0, "> 0 with Nesterov")
            }
        case .adam(let beta1, let beta2, let epsilon), .adamW(let beta1, let beta2, let epsilon):
            try check("beta1", beta1, beta1 >= 0 && beta1 < 1, "0 ≤ beta1 < 1")
            try check("beta2", beta2, beta2 >= 0 && beta2 < 1, "0 ≤ beta2 < 1")
            try check("epsilon", epsilon, epsilon > 0, "> 0")
        case .rmsprop(let rho, let epsilon, let momentum):
            try check("rho", rho, rho >= 0 && rho < 1, "0 ≤ rho < 1")
            try check("epsilon", epsilon, epsilon > 0, "> 0")
            try check("momentum", momentum, momentum >= 0 && momentum < 1, "0 ≤ momentum < 1")
        }
    }
}

/// What one optimizer step saw: the trainer logs it and the doctor reads it.
public struct OptimizerStepReport: Sendable {
    /// Steps taken so far, this one included.
    public var step: Int
    /// ‖g‖ over every parameter, before clipping.
    public var globalGradientNorm: Float
    /// Whether clipping by global norm scaled the gradients this step.
    public var clippedByGlobalNorm: Bool
    /// Each parameter's gradient norm before clipping, in the order passed to `step`.
    public var gradientNorms: [Float]
    /// Each parameter's ‖Δp‖ this step (empty unless `reportsUpdateNorms`).
    public var updateNorms: [Float]
    /// Each parameter's ‖p‖ after the step (empty unless `reportsUpdateNorms`).
    public var weightNorms: [Float]
}

/// An optimizer's checkpointable state: the rule, the step count and each parameter's slots
/// by dotted name.
public struct OptimizerState: Sendable, Equatable, Codable {
    /// Bumped when the layout changes; `load` refuses other versions.
    public static let currentVersion = 1
    public var version: Int
    public var kind: OptimizerKind
    public var learningRate: Float
    public var stepCount: Int
    /// parameter name → slot name → values.
    public var slots: [String: [String: [Float]]]
}
