import Foundation

// Shapes: logits Z [N, C], labels y [N]. p = softmax(Z), pt = p_y.
//   loss_i = −α (1 − pt)^γ log pt, mean over the batch
//   dZ_ij = α [γ (1 − pt)^(γ−1) pt log pt − (1 − pt)^γ] (δ_jy − p_j) / N

/// Focal loss (Lin et al. 2017): cross-entropy down-weighted on easy, confident examples.
public struct FocalLoss: Loss, Sendable {
    /// Focusing parameter γ ≥ 0 (0 is plain cross-entropy scaled by α).
    public let gamma: Float
    /// Overall weight α > 0.
    public let alpha: Float

    public init(gamma: Float = 2, alpha: Float = 1) throws {
        guard gamma.isFinite, gamma >= 0 else {
            throw EngineError.invalidHyperparameter(context: "FocalLoss", name: "gamma", value: "\(gamma)", allowed: "≥ 0")
        }
        guard alpha.isFinite, alpha > 0 else {
            throw EngineError.invalidHyperparameter(context: "FocalLoss", name: "alpha", value: "\(alpha)", allowed: "> 0")
        }
        self.gamma = gamma
        self.alpha = alpha
    }

    public func evaluate(_ output: Tensor, labels: [Int]) throws -> LossResult {
        let classes = try LossCheck.classification(output, labels: labels, loss: "FocalLoss")
        let rows = labels.count
        let p = softmaxLastAxis(output)
        var gradient = Tensor(shape: output.shape)
        var loss = 0.0
        for r in 0..<rows {
            let base = r * classes
            let y = labels[r]
            // log pt from the logits (stable even when pt underflows).
            var peak = -Float.infinity
            for c in 0..<classes { peak = Swift.max(peak, output.storage[base + c]) }
            var total: Float = 0
            for c in 0..<classes { total += expf(output.storage[base + c] - peak) }
            let logPt = output.storage[base + y] - peak - logf(total)
            let pt = expf(logPt)
            let oneMinus = Swift.max(0, 1 - pt)
            let focus = powf(oneMinus, gamma)
            loss += Double(-alpha * focus * logPt)
            let focusDerivative = gamma == 0 ? 0 : gamma * powf(oneMinus, gamma - 1)
            let coefficient = alpha * (focusDerivative * pt * logPt - focus) / Float(rows)
            for c in 0..<classes {
                let delta: Float = c == y ? 1 : 0
                gradient.storage[base + c] = coefficient * (delta - p.storage[base + c])
            }
        }
        return LossResult(loss: Float(loss / Double(rows)), gradient: gradient)
    }
}
