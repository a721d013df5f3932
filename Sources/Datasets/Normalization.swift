import Engine

/// How input features are rescaled before training.
public enum NormalizationMode: String, Codable, Sendable, CaseIterable {
    /// Features are used as loaded.
    case none
    /// Each feature position gets zero mean and unit variance (tabular data).
    case standardizePerFeature
    /// Each channel (first per-example dimension) gets zero mean and unit variance (images).
    case standardizePerChannel
    /// The training set's global minimum maps to 0 and its maximum to 1.
    case unitRange
    /// The training set's global minimum maps to -1 and its maximum to 1.
    case symmetricRange
}

/// Statistics fitted on the training split only, then applied unchanged to validation and
/// test data (fitting on everything leaks the held-out data into training). Stored with the
/// run, so a checkpoint is evaluated on identically scaled inputs.
///
/// Every mode is `y = (x - center[g]) * scale[g]`, where `g` is the feature's group: its
/// position (per feature), its channel (per channel), or one group for the whole input.
/// The range modes use one global minimum and maximum, so image intensities keep their
/// relations; use `standardizePerFeature` for tabular columns of different units.
public struct NormalizationStats: Codable, Sendable, Equatable {
    /// The mode these statistics were fitted for.
    public var mode: NormalizationMode
    /// The per-example shape they apply to.
    public var featureShape: [Int]
    /// Subtracted from each group (a mean, a minimum or a midpoint).
    public var center: [Float]
    /// Multiplied after centering (1/std, 1/range or 2/range; 1 for constant groups).
    public var scale: [Float]

    /// Constant groups (standard deviation or range below this) are centered but not scaled,
    /// so an always-zero MNIST border pixel does not become a division by zero.
    public static let minimumSpread: Double = 1e-8

    /// Fits the statistics of `mode` on `train` (accumulated in Double).
    public static func fit(_ train: Dataset, mode: NormalizationMode) -> NormalizationStats {
        let shape = train.featureShape
        let perExample = train.featuresPerExample
        let groupCount: Int
        let groupWidth: Int  // consecutive elements of one group within an example
        switch mode {
        case .none, .unitRange, .symmetricRange: (groupCount, groupWidth) = (1, perExample)
        case .standardizePerFeature: (groupCount, groupWidth) = (perExample, 1)
        case .standardizePerChannel:
            let channels = max(1, shape.first ?? 1)
            (groupCount, groupWidth) = (channels, perExample / channels)
        }
        var center = [Float](repeating: 0, count: groupCount)
        var scale = [Float](repeating: 1, count: groupCount)
        let values = train.features.storage
        guard mode != .none, train.count > 0, perExample > 0 else {
            return NormalizationStats(mode: mode, featureShape: shape, center: center, scale: scale)
        }
        switch mode {
        case .none:
            break
        case .unitRange, .symmetricRange:
            let low = Double(values.min() ?? 0), high = Double(values.max() ?? 0)
            let range = high - low
            if mode == .unitRange {
                center[0] = Float(low)
                scale[0] = range > minimumSpread ? Float(1 / range) : 1
            } else {
                center[0] = Float((low + high) / 2)
                scale[0] = range > minimumSpread ? Float(2 / range) : 1
            }
        case .standardizePerFeature, .standardizePerChannel:
            var sum = [Double](repeating: 0, count: groupCount)
            forEachGroupElement(values, perExample: perExample, groupWidth: groupWidth) { group, value in sum[group] += value }
            let perGroup = Double(train.count * groupWidth)
            let mean = sum.map { $0 / perGroup }
            var squares = [Double](repeating: 0, count: groupCount)
            forEachGroupElement(values, perExample: perExample, groupWidth: groupWidth) { group, value in
                let deviation = value - mean[group]
                squares[group] += deviation * deviation
            }
            for group in 0..<groupCount {
                let deviation = (squares[group] / perGroup).squareRoot()
                center[group] = Float(mean[group])
                scale[group] = deviation > minimumSpread ? Float(1 / deviation) : 1
            }
        }
        return NormalizationStats(mode: mode, featureShape: shape, center: center, scale: scale)
    }

    /// Visits every element with its group, walking examples then groups (no per-element
    /// division: fitting MNIST touches 47 million values).
    private static func forEachGroupElement(
        _ values: [Float], perExample: Int, groupWidth: Int, _ body: (Int, Double) -> Void
    ) {
        let groupCount = perExample / groupWidth
        values.withUnsafeBufferPointer { buffer in
            var index = 0
            while index + perExample <= buffer.count {
                for group in 0..<groupCount {
                    for _ in 0..<groupWidth {
                        body(group, Double(buffer[index]))
                        index += 1
                    }
                }
            }
        }
    }

    /// Rescales a batch or a whole split `[N, ...featureShape]` in place.
    public func apply(to tensor: inout Tensor) throws {
        guard Array(tensor.shape.dropFirst()) == featureShape else {
            throw DatasetError.invalidArgument(
                context: "NormalizationStats(\(mode.rawValue))",
                detail: "fitted for examples of shape \(featureShape), applied to a tensor of shape \(tensor.shape)")
        }
        guard mode != .none else { return }
        let perExample = featureShape.reduce(1, *)
        guard perExample > 0, center.count >= 1, perExample % center.count == 0, scale.count == center.count else {
            throw DatasetError.invalidArgument(
                context: "NormalizationStats(\(mode.rawValue))",
                detail: "\(center.count) centers and \(scale.count) scales do not divide \(perExample) features")
        }
        // Expanded once per call so the inner loop is a plain fused multiply-add per element.
        let groupWidth = perExample / center.count
        let expandedCenter = (0..<perExample).map { center[$0 / groupWidth] }
        let expandedScale = (0..<perExample).map { scale[$0 / groupWidth] }
        tensor.storage.withUnsafeMutableBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                for offset in 0..<perExample {
                    buffer[start + offset] = (buffer[start + offset] - expandedCenter[offset]) * expandedScale[offset]
                }
                start += perExample
            }
        }
    }

    /// Rescales a dataset's features in place.
    public func apply(to dataset: inout Dataset) throws {
        try apply(to: &dataset.features)
    }
}
