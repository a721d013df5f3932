/// `[loss]`: what the model is trained to minimize.
public enum LossSettings: Sendable, Equatable {
    /// Softmax cross-entropy on logits; `classWeights` nil means equal weights (or, with
    /// `data.class_balance = "weights"`, weights computed from the training split).
    case crossEntropy(labelSmoothing: Double, classWeights: [Double]?)
    /// Focal loss: down-weights easy examples by (1 - p)^gamma; `alpha` scales it.
    case focal(gamma: Double, alpha: Double?)
    /// Mean squared error against one-hot targets.
    case meanSquaredError
    /// Binary cross-entropy (one output per class, independent probabilities).
    case binaryCrossEntropy

    /// The `kind` words.
    public enum Name: String, ConfigChoice {
        case crossEntropy = "cross_entropy"
        case focal, mse, bce
    }

    /// The word written as `kind = "…"`.
    public var name: Name {
        switch self {
        case .crossEntropy: return .crossEntropy
        case .focal: return .focal
        case .meanSquaredError: return .mse
        case .binaryCrossEntropy: return .bce
        }
    }
}
