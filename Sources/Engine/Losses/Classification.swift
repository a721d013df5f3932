/// Fraction of rows whose prediction matches the label: argmax for [N, C ≥ 2] outputs,
/// logit > 0 for [N, 1] binary outputs. 0 for an empty batch or mismatched counts.
public func accuracy(_ output: Tensor, labels: [Int]) -> Double {
    guard output.rank == 2, output.shape[0] == labels.count, !labels.isEmpty else { return 0 }
    let predictions: [Int]
    if output.shape[1] == 1 {
        predictions = output.storage.map { $0 > 0 ? 1 : 0 }
    } else {
        predictions = output.argmaxRows()
    }
    let correct = zip(predictions, labels).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
    return Double(correct) / Double(labels.count)
}

/// Class probabilities from logits [N, C] (softmax over the last axis).
public func softmaxProbabilities(_ logits: Tensor) -> Tensor {
    softmaxLastAxis(logits)
}
