/// `[optimizer]`: the update rule and its initial learning rate.
public struct OptimizerSettings: Sendable, Equatable {
    /// The rule with the options it takes.
    public enum Algorithm: Sendable, Equatable {
        case sgd(momentum: Double, nesterov: Bool)
        case adam(beta1: Double, beta2: Double, epsilon: Double)
        /// Adam with decoupled weight decay (`regularization.weight_decay`).
        case adamw(beta1: Double, beta2: Double, epsilon: Double)
        case rmsprop(rho: Double, epsilon: Double, momentum: Double)
    }

    /// The `kind` words.
    public enum Name: String, ConfigChoice {
        case sgd, adam, adamw, rmsprop
    }

    /// The update rule.
    public var algorithm: Algorithm
    /// The initial learning rate (schedules and keys change it from here).
    public var learningRate: Double

    /// Creates optimizer settings.
    public init(_ algorithm: Algorithm, learningRate: Double) {
        self.algorithm = algorithm
        self.learningRate = learningRate
    }

    /// The word written as `kind = "…"`.
    public var name: Name {
        switch algorithm {
        case .sgd: return .sgd
        case .adam: return .adam
        case .adamw: return .adamw
        case .rmsprop: return .rmsprop
        }
    }
}

/// `[regularization]`: penalties and constraints applied by the optimizer.
public struct RegularizationSettings: Sendable, Equatable {
    /// L1 penalty coefficient on decayed parameters.
    public var l1 = 0.0
    /// L2 penalty (sgd, adam, rmsprop) or decoupled decay (adamw); `l2` is accepted as
    /// another spelling in the file.
    public var weightDecay = 0.0
    /// Rescale each unit's incoming weight vector to at most this norm; nil: off.
    public var maxNorm: Double?
    /// Clip the global gradient norm to this; nil: off.
    public var clipNorm: Double?
    /// Clip each gradient element to ± this; nil: off.
    public var clipValue: Double?

    /// No regularization.
    public init() {}
}
