import Engine

/// Helpers for imbalanced classes: weight the loss, or resample the data.
public enum ClassBalance {
    /// Per-class loss weights `N / (K · n_c)` over the K classes present (scikit-learn's
    /// "balanced"): inverse frequency, with mean 1 over the examples, so weighting leaves
    /// the loss scale, and so the tuned learning rate, where it was. Absent classes get 1.
    public static func weights(labels: [Int], classCount: Int) -> [Float] {
        var counts = [Int](repeating: 0, count: max(0, classCount))
        for label in labels where label >= 0 && label < classCount { counts[label] += 1 }
        let present = counts.filter { $0 > 0 }.count
        let total = counts.reduce(0, +)
        return counts.map { $0 > 0 ? Float(Double(total) / (Double(present) * Double($0))) : 1 }
    }

    /// Every example once, plus rarer classes' examples drawn with replacement until each
    /// class is as frequent as the largest. Apply to the training split only.
    public static func oversample(_ dataset: Dataset, rng: inout SeededRNG) -> Dataset {
        var byClass = [[Int]](repeating: [], count: dataset.classCount)
        for (index, label) in dataset.labels.enumerated() { byClass[label].append(index) }
        let largest = byClass.map(\.count).max() ?? 0
        var indices = Array(0..<dataset.count)
        for members in byClass where !members.isEmpty && members.count < largest {
            for _ in members.count..<largest {
                indices.append(members[RandomIndex.below(members.count, using: &rng)])
            }
        }
        var result = dataset.subset(indices)
        result.name = dataset.name + "/oversampled"
        return result
    }
}
