/// Tensors encode as `{"shape": [...], "storage": [...]}` for checkpoints. Decoding checks that
/// the shape is non-negative and matches the element count, so a damaged file throws instead
/// of producing a tensor whose kernels would read out of bounds.
extension Tensor: Codable {
    private enum CodingKeys: String, CodingKey { case shape, storage }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let shape = try container.decode([Int].self, forKey: .shape)
        let storage = try container.decode([Float].self, forKey: .storage)
        var expected = 1
        for dimension in shape {
            let (product, overflow) = expected.multipliedReportingOverflow(by: dimension)
            guard dimension >= 0, !overflow else {
                throw DecodingError.dataCorruptedError(
                    forKey: .shape, in: container, debugDescription: "invalid tensor shape \(shape)")
            }
            expected = product
        }
        guard expected == storage.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .storage, in: container,
                debugDescription: "shape \(shape) holds \(expected) elements, storage has \(storage.count)")
        }
        try self.init(shape: shape, storage: storage)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(shape, forKey: .shape)
        try container.encode(storage, forKey: .storage)
    }
}
