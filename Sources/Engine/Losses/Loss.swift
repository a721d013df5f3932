/// A scalar loss and its gradient with respect to the model's output.
public struct LossResult: Sendable {
    /// Mean loss over the batch.
    public var loss: Float
    /// dLoss/dOutput, the shape of the output.
    public var gradient: Tensor

    public init(loss: Float, gradient: Tensor) {
        self.loss = loss
        self.gradient = gradient
    }
}

/// A training objective over a batch of outputs and integer class labels.
public protocol Loss {
    /// Loss (mean over the batch) and gradient; throws naming the shape or label at fault.
    func evaluate(_ output: Tensor, labels: [Int]) throws -> LossResult
}

/// Validation shared by the classification losses.
enum LossCheck {
    /// Throws unless `output` is [N, classes ≥ minimumClasses] with one valid label per row.
    static func classification(_ output: Tensor, labels: [Int], loss: String, minimumClasses: Int = 1) throws -> Int {
        guard output.rank == 2, output.shape[1] >= minimumClasses else {
            throw EngineError.shapeMismatch(
                context: loss, detail: "expects output [N, C ≥ \(minimumClasses)], got \(output.shape)")
        }
        guard labels.count == output.shape[0], labels.count > 0 else {
            throw EngineError.shapeMismatch(
                context: loss, detail: "\(labels.count) labels for output \(output.shape)")
        }
        let classes = output.shape[1]
        if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= classes }) {
            throw EngineError.shapeMismatch(
                context: loss, detail: "label \(labels[bad]) at row \(bad) outside 0..<\(classes)")
        }
        return classes
    }
}
