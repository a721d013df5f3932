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

    static func loss(_ config: RunConfig, train: Dataset) throws -> any Loss {
        switch config.loss {
        case .crossEntropy(let smoothing, let weights):
            var classWeights = weights?.map(Float.init)
            if config.data.classBalance == .weights { classWeights = balancedWeights(train) }
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

    /// `N / (K · n_c)` per class ("balanced", as scikit-learn): the mean weight over the
    /// training examples is 1, so the learning rate means the same with or without it.
    static func balancedWeights(_ train: Dataset) -> [Float] {
        let counts = train.classCounts
        let present = counts.filter { $0 > 0 }.count
        return counts.map { count in count == 0 ? 0 : Float(train.count) / Float(present * count) }
    }
}
