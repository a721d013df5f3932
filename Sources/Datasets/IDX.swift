/// The element types an IDX file can declare (third magic byte).
public enum IDXElementType: UInt8, Sendable, CaseIterable {
    case unsignedByte = 0x08, signedByte = 0x09, short = 0x0B, int = 0x0C, float = 0x0D, double = 0x0E

    /// Bytes per element (big-endian on disk).
    public var size: Int {
        switch self {
        case .unsignedByte, .signedByte: return 1
        case .short: return 2
        case .int, .float: return 4
        case .double: return 8
        }
    }
}

/// An IDX array (the MNIST container): a type, dimensions, and the big-endian payload.
public struct IDXArray: Sendable, Equatable {
    /// Element type from the magic number.
    public var elementType: IDXElementType
    /// The dimensions loaded; the first is smaller than `declaredCount` when a limit applied.
    public var dimensions: [Int]
    /// The first dimension as the header declares it (60000 for MNIST train, whatever the limit).
    public var declaredCount: Int
    /// The magic number as read (2051 for ubyte images, 2049 for ubyte labels).
    public var magic: Int { Int(elementType.rawValue) << 8 | dimensions.count }
    /// Creates an array; the payload must hold exactly the elements the dimensions describe.
    public init(elementType: IDXElementType, dimensions: [Int], payload: [UInt8]) throws {
        let expected = dimensions.reduce(1, *) * elementType.size
        guard !dimensions.isEmpty, dimensions.allSatisfy({ $0 >= 0 && $0 <= Int(UInt32.max) }), payload.count == expected else {
            throw DatasetError.invalidArgument(
                context: "IDXArray", detail: "dimensions \(dimensions) of \(elementType) need \(expected) bytes, payload has \(payload.count)")
        }
        self.elementType = elementType
        self.dimensions = dimensions
        self.declaredCount = dimensions[0]
        self.payload = payload
    }

    /// Raw payload, row-major, big-endian elements of `elementType.size` bytes.
    public var payload: [UInt8]

    /// Number of elements loaded.
    public var elementCount: Int { dimensions.reduce(1, *) }

    /// Element `index` (row-major) as a Float, decoding the big-endian type.
    public func value(at index: Int) -> Float {
        let size = elementType.size
        var bits: UInt64 = 0
        for byte in payload[(index * size)..<((index + 1) * size)] { bits = bits << 8 | UInt64(byte) }
        switch elementType {
        case .unsignedByte: return Float(bits)
        case .signedByte: return Float(Int8(truncatingIfNeeded: bits))
        case .short: return Float(Int16(truncatingIfNeeded: bits))
        case .int: return Float(Int32(truncatingIfNeeded: bits))
        case .float: return Float(bitPattern: UInt32(truncatingIfNeeded: bits))
        case .double: return Float(Double(bitPattern: bits))
        }
    }
}
