import Datasets
import Engine

/// The optimizer (with regularization) and the loss of a run.
enum OptimizationFactory {
    static func optimizer(_ config: RunConfig) throws -> Optimizer {
        let kind: OptimizerKind
        switch config.optimizer.algorithm {
        case .sgd(let momentum, let nesterov): kind = .sgd(momentum: Float(momentum), nesterov: nesterov)
        case .adam(let beta1, let beta2, let epsilon):
            kind = .adam(beta1: Float(beta1), beta2: Float(beta2), epsilon: Float(epsilon))
        case .adamw(let beta1, let beta2, let epsilon):
            kind = .adamW(beta1: Float(beta1), beta2: Float(beta2), epsilon: Float(epsilon))
        case .rmsprop(let rho, let epsilon, let momentum):
            kind = .rmsprop(rho: Float(rho), epsilon: Float(epsilon), momentum: Float(momentum))
        }
        let regularization = config.regularization
        return try Optimizer(
            kind: kind, learningRate: Float(config.optimizer.learningRate),
            weightDecay: Float(regularization.weightDecay), l1: Float(regularization.l1),
            maxNorm: regularization.maxNorm.map(Float.init), clipGlobalNorm: regularization.clipNorm.map(Float.init),
            clipValue: regularization.clipValue.map(Float.init))
    }

    /// The loss; `balancedWeights` (from `class_balance = "weights"`) go into cross-entropy.
    static func loss(_ config: RunConfig, train: Dataset, balancedWeights: [Float]?) throws -> any Loss {
        switch config.loss {
        case .crossEntropy(let smoothing, let weights):
            let classWeights = balancedWeights ?? weights?.map(Float.init)
            if let classWeights, classWeights.count != train.classCount {
                throw ConfigError(
                    origin: nil, key: "loss.class_weights",
                    message: "has \(classWeights.count) weights but the data has \(train.classCount) classes")
            }
            return try SoftmaxCrossEntropy(labelSmoothing: Float(smoothing), classWeights: classWeights)
        case .focal(let gamma, let alpha): return try FocalLoss(gamma: Float(gamma), alpha: Float(alpha ?? 1))
        case .meanSquaredError: return MeanSquaredError()
        case .binaryCrossEntropy: return BinaryCrossEntropy()
        }
    }
}
