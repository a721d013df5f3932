import Engine

extension Dataset {
    /// The examples at `indices`, in that order (repeats allowed: oversampling uses them).
    /// Indices must be in `0..<count`; they come from the program, not from a file.
    public func subset(_ indices: [Int]) -> Dataset {
        let gathered = batch(indices)
        var copy = self
        copy.features = gathered.features
        copy.labels = gathered.labels
        return copy
    }

    /// Gathers the rows at `indices` into a contiguous `[B, ...featureShape]` tensor, one
    /// `memcpy` per row, because the trainer calls this every step.
    public func batch(_ indices: some Collection<Int>) -> (features: Tensor, labels: [Int]) {
        let rowSize = featuresPerExample
        let exampleCount = count
        var output = Tensor(shape: [indices.count] + featureShape)
        var batchLabels = [Int]()
        batchLabels.reserveCapacity(indices.count)
        output.storage.withUnsafeMutableBufferPointer { destination in
            features.storage.withUnsafeBufferPointer { source in
                guard let sourceBase = source.baseAddress, let destinationBase = destination.baseAddress else { return }
                for (row, index) in indices.enumerated() {
                    precondition(index >= 0 && index < exampleCount, "Dataset.batch: index \(index) outside 0..<\(exampleCount)")
                    (destinationBase + row * rowSize).update(from: sourceBase + index * rowSize, count: rowSize)
                }
            }
        }
        for index in indices { batchLabels.append(labels[index]) }
        return (output, batchLabels)
    }
}
