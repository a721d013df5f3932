import Foundation

// MeanSquaredError — Shapes: output O [N, C], target T = onehot(y) [N, C].
//   loss = Σ (O − T)² / (N·C) (mean over every element, as PyTorch), dO = 2 (O − T) / (N·C)
// BinaryCrossEntropy — Shapes: logits z [N, 1], labels y ∈ {0, 1}.
//   loss = mean(max(z, 0) − z·y + log(1 + e^−|z|)) (stable softplus form), dz = (σ(z) − y) / N

/// Squared error against the one-hot encoding of the labels.
public struct MeanSquaredError: Loss, Sendable {
    public init() {}

    public func evaluate(_ output: Tensor, labels: [Int]) throws -> LossResult {
        let classes = try LossCheck.classification(output, labels: labels, loss: "MeanSquaredError")
        let count = Float(output.count)
        var gradient = output
        var loss = 0.0
        for r in 0..<labels.count {
            for c in 0..<classes {
                let i = r * classes + c
                let difference = output.storage[i] - (c == labels[r] ? 1 : 0)
                loss += Double(difference * difference)
                gradient.storage[i] = 2 * difference / count
            }
        }
        return LossResult(loss: Float(loss / Double(count)), gradient: gradient)
    }
}

/// Binary cross-entropy on one sigmoid logit per sample.
public struct BinaryCrossEntropy: Loss, Sendable {
    public init() {}

    public func evaluate(_ output: Tensor, labels: [Int]) throws -> LossResult {
        guard output.rank == 2, output.shape[1] == 1 else {
            throw EngineError.shapeMismatch(context: "BinaryCrossEntropy", detail: "expects logits [N, 1], got \(output.shape)")
        }
        guard labels.count == output.shape[0], !labels.isEmpty else {
            throw EngineError.shapeMismatch(
                context: "BinaryCrossEntropy", detail: "\(labels.count) labels for output \(output.shape)")
        }
        if let bad = labels.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw EngineError.shapeMismatch(context: "BinaryCrossEntropy", detail: "label \(labels[bad]) at row \(bad) is not 0 or 1")
        }
        let rows = Float(labels.count)
        var gradient = output
        var loss = 0.0
        for (r, label) in labels.enumerated() {
            let z = output.storage[r]
            let y = Float(label)
            loss += Double(Swift.max(z, 0) - z * y + log1pf(expf(-abs(z))))
            gradient.storage[r] = (sigmoid(z) - y) / rows
        }
        return LossResult(loss: Float(loss / Double(rows)), gradient: gradient)
    }
}
