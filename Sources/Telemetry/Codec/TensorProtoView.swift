/// The parts of a `TensorProto` that summaries use, decoded from borrowed bytes: dtype, shape and
/// the values, whichever of `tensor_content` or the typed repeated fields carries them.
struct TensorProtoView {
    var dtype: UInt64 = 0
    var dims: [Int] = []
    var content: UnsafeRawBufferPointer?
    var floats: [Float] = []
    var doubles: [Double] = []
    /// `int_val`, `int64_val`, `bool_val`, `half_val`, `uint32_val` and `uint64_val` all decode
    /// into this; the dtype says which one the writer meant.
    var integers: [UInt64] = []
    var strings: [UnsafeRawBufferPointer] = []

    /// The most elements a tensor may claim beyond what its bytes hold (TensorFlow repeats the last
    /// listed value to fill the shape); bounds what a hostile shape can make us allocate.
    static let maxImpliedElements = 1 << 16

    init(_ bytes: UnsafeRawBufferPointer) throws {
        var reader = ProtoReader(bytes)
        typealias Field = ProtoSchema.Tensor
        while let field = try reader.nextField() {
            switch field.number {
            case Field.dtype where field.wireType == .varint: dtype = try reader.readVarint()
            case Field.shape where field.wireType == .lengthDelimited: dims = try Self.readShape(try reader.readBytes())
            case Field.content where field.wireType == .lengthDelimited: content = try reader.readBytes()
            case Field.floatVal: try reader.readRepeated(field.wireType, element: .fixed32, into: &floats) { try $0.readFloat() }
            case Field.doubleVal: try reader.readRepeated(field.wireType, element: .fixed64, into: &doubles) { try $0.readDouble() }
            case Field.intVal, Field.int64Val, Field.boolVal, Field.halfVal, Field.uint32Val, Field.uint64Val:
                try reader.readRepeated(field.wireType, element: .varint, into: &integers) { try $0.readVarint() }
            case Field.stringVal where field.wireType == .lengthDelimited: strings.append(try reader.readBytes())
            default: try reader.skip(field.wireType)
            }
        }
    }

    private static func readShape(_ bytes: UnsafeRawBufferPointer) throws -> [Int] {
        var reader = ProtoReader(bytes)
        var dims: [Int] = []
        while let field = try reader.nextField() {
            guard field.number == ProtoSchema.TensorShape.dim, field.wireType == .lengthDelimited else {
                try reader.skip(field.wireType)
                continue
            }
            var dimReader = ProtoReader(try reader.readBytes())
            var size = 0
            while let dimField = try dimReader.nextField() {
                if dimField.number == ProtoSchema.TensorShapeDim.size, dimField.wireType == .varint {
                    size = Int(truncatingIfNeeded: Int64(bitPattern: try dimReader.readVarint()))
                } else {
                    try dimReader.skip(dimField.wireType)
                }
            }
            dims.append(size)
        }
        return dims
    }

    var isString: Bool { dtype == ProtoSchema.DataType.string }

    /// Elements the shape asks for; nil when a dimension is negative (unknown) or the product overflows.
    var elementCount: Int? {
        var count = 1
        for dim in dims {
            guard dim >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: dim)
            if overflow { return nil }
            count = product
        }
        return count
    }

    /// The values as doubles in row-major order, exactly `elementCount` of them; nil when the dtype
    /// is not numeric or the values do not fit the shape.
    func numbers() -> [Double]? {
        guard let expected = elementCount, let listed = listedNumbers() else { return nil }
        if listed.count == expected { return listed }
        guard listed.count < expected, expected <= Self.maxImpliedElements else { return nil }
        // TensorFlow's rule for short value lists: the last value fills the rest (zero when none).
        return listed + [Double](repeating: listed.last ?? 0, count: expected - listed.count)
    }

    private func listedNumbers() -> [Double]? {
        typealias DT = ProtoSchema.DataType
        if let content, content.count > 0 { return Self.decodeContent(content, dtype: dtype) }
        switch dtype {
        case DT.float: return floats.map(Double.init)
        case DT.double: return doubles
        case DT.int32, DT.int16, DT.int8: return integers.map { Double(Int32(truncatingIfNeeded: $0)) }
        case DT.uint8, DT.uint16, DT.uint32: return integers.map { Double(UInt32(truncatingIfNeeded: $0)) }
        case DT.int64: return integers.map { Double(Int64(bitPattern: $0)) }
        case DT.uint64: return integers.map { Double($0) }
        case DT.bool: return integers.map { $0 != 0 ? 1 : 0 }
        case DT.half: return integers.map { Double(HalfFloat.decode(UInt16(truncatingIfNeeded: $0))) }
        case DT.bfloat16: return integers.map { Double(Float(bitPattern: UInt32(truncatingIfNeeded: $0 & 0xFFFF) << 16)) }
        default: return nil
        }
    }

    /// Decodes `tensor_content`: the raw little-endian array.
    private static func decodeContent(_ content: UnsafeRawBufferPointer, dtype: UInt64) -> [Double]? {
        typealias DT = ProtoSchema.DataType
        let width: Int
        switch dtype {
        case DT.double, DT.int64, DT.uint64: width = 8
        case DT.float, DT.int32, DT.uint32: width = 4
        case DT.half, DT.bfloat16, DT.int16, DT.uint16: width = 2
        case DT.int8, DT.uint8, DT.bool: width = 1
        default: return nil
        }
        guard content.count % width == 0 else { return nil }
        let count = content.count / width
        var values = [Double]()
        values.reserveCapacity(count)
        for index in 0..<count {
            let offset = index * width
            switch dtype {
            case DT.double: values.append(Double(bitPattern: content.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian))
            case DT.int64: values.append(Double(Int64(littleEndian: content.loadUnaligned(fromByteOffset: offset, as: Int64.self))))
            case DT.uint64: values.append(Double(UInt64(littleEndian: content.loadUnaligned(fromByteOffset: offset, as: UInt64.self))))
            case DT.float: values.append(Double(Float(bitPattern: content.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian)))
            case DT.int32: values.append(Double(Int32(littleEndian: content.loadUnaligned(fromByteOffset: offset, as: Int32.self))))
            case DT.uint32: values.append(Double(UInt32(littleEndian: content.loadUnaligned(fromByteOffset: offset, as: UInt32.self))))
            case DT.half: values.append(Double(HalfFloat.decode(content.loadUnaligned(fromByteOffset: offset, as: UInt16.self).littleEndian)))
            case DT.bfloat16:
                let bits = UInt32(content.loadUnaligned(fromByteOffset: offset, as: UInt16.self).littleEndian) << 16
                values.append(Double(Float(bitPattern: bits)))
            case DT.int16: values.append(Double(Int16(littleEndian: content.loadUnaligned(fromByteOffset: offset, as: Int16.self))))
            case DT.uint16: values.append(Double(UInt16(littleEndian: content.loadUnaligned(fromByteOffset: offset, as: UInt16.self))))
            case DT.int8: values.append(Double(Int8(bitPattern: content[offset])))
            case DT.bool: values.append(content[offset] != 0 ? 1 : 0)
            default: values.append(Double(content[offset]))
            }
        }
        return values
    }
}

/// IEEE 754 binary16 → Float, by hand: `Float16` is not available on every platform Swift targets.
enum HalfFloat {
    static func decode(_ bits: UInt16) -> Float {
        let sign: Float = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = Float(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}
