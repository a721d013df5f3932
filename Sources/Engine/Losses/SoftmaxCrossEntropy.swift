import Foundation

// Shapes: logits Z [N, C], labels y [N].
//   p = softmax(Z) (log-sum-exp shifted), target q = (1 − ε)·onehot(y) + ε/C
//   loss_i = −Σ_c q_c log p_c, weighted by w_{y_i}; loss = Σ w_i loss_i / Σ w_i
//   dZ_i = w_i (p_i − q_i) / Σ w

/// Softmax cross-entropy on raw logits, with label smoothing and per-class weights.
public struct SoftmaxCrossEntropy: Loss, Sendable {
    /// ε: the share of the target spread evenly over all classes (mutable mid-run).
    public var labelSmoothing: Float {
        didSet { labelSmoothing = Swift.min(Swift.max(labelSmoothing, 0), 1) }
    }
    /// Per-class weights (for imbalanced data), or nil for equal weights.
    public let classWeights: [Float]?

    public init(labelSmoothing: Float = 0, classWeights: [Float]? = nil) throws {
        guard labelSmoothing.isFinite, labelSmoothing >= 0, labelSmoothing < 1 else {
            throw EngineError.invalidHyperparameter(
                context: "SoftmaxCrossEntropy", name: "labelSmoothing", value: "\(labelSmoothing)", allowed: "0 ≤ ε < 1")
        }
        if let classWeights, let bad = classWeights.first(where: { !($0 >= 0) || !$0.isFinite }) {
            throw EngineError.invalidHyperparameter(
                context: "SoftmaxCrossEntropy", name: "class weight", value: "\(bad)", allowed: "finite, ≥ 0")
        }
        self.labelSmoothing = labelSmoothing
        self.classWeights = classWeights
    }

    public func evaluate(_ output: Tensor, labels: [Int]) throws -> LossResult {
        let classes = try LossCheck.classification(output, labels: labels, loss: "SoftmaxCrossEntropy")
        if let classWeights, classWeights.count != classes {
            throw EngineError.shapeMismatch(
                context: "SoftmaxCrossEntropy", detail: "\(classWeights.count) class weights for \(classes) classes")
        }
        let rows = labels.count
        let smoothing = labelSmoothing
        let offTarget = smoothing / Float(classes)
        let onTarget = 1 - smoothing + offTarget
        var weights = [Float](repeating: 1, count: rows)
        if let classWeights { weights = labels.map { classWeights[$0] } }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else {
            throw EngineError.invalidState(context: "SoftmaxCrossEntropy", detail: "class weights of this batch sum to 0")
        }
        var gradient = output
        var loss = 0.0
        gradient.storage.withUnsafeMutableBufferPointer { g in
            for r in 0..<rows {
                let base = r * classes
                var peak = -Float.infinity
                for c in 0..<classes { peak = Swift.max(peak, g[base + c]) }
                var total: Float = 0
                for c in 0..<classes {
                    let e = expf(g[base + c] - peak)
                    g[base + c] = e
                    total += e
                }
                let logTotal = logf(total)
                let scale = weights[r] / totalWeight
                var rowLoss: Float = 0
                let inverse = 1 / total
                for c in 0..<classes {
                    let target = c == labels[r] ? onTarget : offTarget
                    if target > 0 {
                        // −log p_c = log Σ − (z_c − max), computed from the logit, not from p.
                        rowLoss += target * (logTotal - (output.storage[base + c] - peak))
                    }
                    g[base + c] = (g[base + c] * inverse - target) * scale
                }
                loss += Double(rowLoss * scale)
            }
        }
        return LossResult(loss: Float(loss), gradient: gradient)
    }
}
