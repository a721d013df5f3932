extension Tensor {
    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, repeating: 0)
    }

    /// Uniform samples in [low, high) drawn from `rng`.
    public static func uniform(shape: [Int], low: Float, high: Float, rng: inout SeededRNG) -> Tensor {
        var tensor = Tensor(shape: shape)
        let width = high - low
        for i in tensor.storage.indices { tensor.storage[i] = low + width * rng.nextUnitFloat() }
        return tensor
    }

    /// Normal samples with the given mean and standard deviation drawn from `rng`.
    public static func normal(shape: [Int], mean: Float = 0, std: Float = 1, rng: inout SeededRNG) -> Tensor {
        var tensor = Tensor(shape: shape)
        for i in tensor.storage.indices { tensor.storage[i] = mean + std * rng.nextNormal() }
        return tensor
    }

    /// A rank-2 tensor from rows of equal length; throws when rows differ in length.
    public init(rows: [[Float]]) throws {
        let width = rows.first?.count ?? 0
        guard let bad = rows.firstIndex(where: { $0.count != width }) else {
            try self.init(shape: [rows.count, width], storage: rows.flatMap { $0 })
            return
        }
        throw EngineError.shapeMismatch(
            context: "Tensor(rows:)", detail: "row \(bad) has \(rows[bad].count) values, row 0 has \(width)")
    }
}

extension Tensor {
    /// Number of dimensions.
    public var rank: Int { shape.count }
    /// The leading (batch) dimension; 0 for a scalar.
    public var rowCount: Int { shape.first ?? 0 }
    /// Elements per leading index (features of one sample).
    public var rowSize: Int { shape.isEmpty ? 1 : shape.dropFirst().reduce(1, *) }

    /// Element access by full index; indices out of range are a programming error and trap.
    public subscript(_ indices: Int...) -> Float {
        get { storage[flatIndex(indices)] }
        set { storage[flatIndex(indices)] = newValue }
    }

    private func flatIndex(_ indices: [Int]) -> Int {
        precondition(indices.count == shape.count, "Tensor index \(indices) for shape \(shape)")
        var flat = 0
        for (axis, index) in indices.enumerated() {
            precondition(index >= 0 && index < shape[axis], "Tensor index \(indices) out of shape \(shape)")
            flat = flat * shape[axis] + index
        }
        return flat
    }

    /// The rows at `indices` (a mini-batch), in that order; throws naming the first index out
    /// of range.
    public func gatherRows(_ indices: [Int]) throws -> Tensor {
        let rows = rowCount
        let width = rowSize
        if let bad = indices.first(where: { $0 < 0 || $0 >= rows }) {
            throw EngineError.shapeMismatch(
                context: "Tensor.gatherRows", detail: "row index \(bad) outside 0..<\(rows) of shape \(shape)")
        }
        var result = Tensor(shape: [indices.count] + shape.dropFirst())
        storage.withUnsafeBufferPointer { source in
            result.storage.withUnsafeMutableBufferPointer { target in
                for (row, index) in indices.enumerated() {
                    (target.baseAddress! + row * width).update(from: source.baseAddress! + index * width, count: width)
                }
            }
        }
        return result
    }

    /// Rows `range` as a new tensor (contiguous copy).
    public func rows(_ range: Range<Int>) throws -> Tensor {
        guard range.lowerBound >= 0, range.upperBound <= rowCount else {
            throw EngineError.shapeMismatch(context: "Tensor.rows", detail: "rows \(range) outside 0..<\(rowCount)")
        }
        let width = rowSize
        return try Tensor(
            shape: [range.count] + shape.dropFirst(),
            storage: Array(storage[(range.lowerBound * width)..<(range.upperBound * width)]))
    }
}
