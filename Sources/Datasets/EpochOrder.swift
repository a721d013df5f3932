import Engine

/// The order examples are visited in, one seeded permutation per epoch. Each epoch's order
/// is derived from `(seed, epoch)` alone, so a run resumed at epoch k sees exactly the order
/// it would have seen, without replaying the RNG through earlier epochs.
public struct EpochOrder: Sendable, Equatable, Codable {
    /// Number of examples permuted.
    public var count: Int
    /// Base seed recorded with the run.
    public var seed: UInt64
    /// False visits examples in dataset order (evaluation, debugging).
    public var shuffles: Bool

    /// An order over `0..<count`.
    public init(count: Int, seed: UInt64, shuffles: Bool = true) {
        self.count = max(0, count)
        self.seed = seed
        self.shuffles = shuffles
    }

    /// Every index in `0..<count` exactly once, in this epoch's order.
    public func permutation(epoch: Int) -> [Int] {
        guard shuffles else { return Array(0..<count) }
        var rng = SeededRNG(seed: seed ^ (UInt64(truncatingIfNeeded: epoch) &* 0x9E37_79B9_7F4A_7C15))
        return RandomIndex.permutation(count: count, using: &rng)
    }

    /// This epoch's permutation cut into batches of `batchSize` indices.
    public func batches(epoch: Int, batchSize: Int, dropLast: Bool = false) throws -> MiniBatches {
        try MiniBatches(order: permutation(epoch: epoch), batchSize: batchSize, dropLast: dropLast)
    }
}

/// An epoch's index batches: consecutive slices of a permutation. The last partial batch
/// is kept unless `dropLast` (useful when BatchNorm must not see a batch of one).
public struct MiniBatches: RandomAccessCollection, Sendable {
    /// The indices in visiting order.
    public let order: [Int]
    /// Indices per batch (the last one may hold fewer).
    public let batchSize: Int
    /// Whether a final batch smaller than `batchSize` is skipped.
    public let dropLast: Bool

    /// Cuts `order` into batches; throws on a batch size below 1.
    public init(order: [Int], batchSize: Int, dropLast: Bool = false) throws {
        guard batchSize >= 1 else {
            throw DatasetError.invalidArgument(context: "MiniBatches", detail: "batch size \(batchSize) must be at least 1")
        }
        self.order = order
        self.batchSize = batchSize
        self.dropLast = dropLast
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        dropLast ? order.count / batchSize : (order.count + batchSize - 1) / batchSize
    }

    /// The example indices of batch `position`.
    public subscript(position: Int) -> ArraySlice<Int> {
        let start = position * batchSize
        return order[start..<Swift.min(start + batchSize, order.count)]
    }
}
