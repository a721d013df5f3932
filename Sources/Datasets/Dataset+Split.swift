import Engine

extension Dataset {
    /// Splits off a validation set holding `validationFraction` of each class (rounded per
    /// class), so rare classes appear in both parts in their original proportion. Both parts
    /// keep the original example order; the same seed always gives the same split.
    public func stratifiedSplit(validationFraction: Double, seed: UInt64) throws -> (train: Dataset, validation: Dataset) {
        guard validationFraction >= 0, validationFraction < 1 else {
            throw DatasetError.invalidArgument(
                context: "stratifiedSplit of \(name)",
                detail: "validation fraction \(validationFraction) must be in [0, 1)")
        }
        var byClass = [[Int]](repeating: [], count: classCount)
        for (index, label) in labels.enumerated() { byClass[label].append(index) }
        var rng = SeededRNG(seed: seed)
        var isValidation = [Bool](repeating: false, count: count)
        for var members in byClass where !members.isEmpty {
            RandomIndex.shuffle(&members, using: &rng)
            let take = min(members.count, Int((Double(members.count) * validationFraction).rounded()))
            for index in members.prefix(take) { isValidation[index] = true }
        }
        let trainIndices = (0..<count).filter { !isValidation[$0] }
        let validationIndices = (0..<count).filter { isValidation[$0] }
        var train = subset(trainIndices)
        var validation = subset(validationIndices)
        train.name = name + "/train"
        validation.name = name + "/validation"
        return (train, validation)
    }
}
