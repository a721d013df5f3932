/// A bounds-checked reader of protobuf wire format over borrowed bytes.
///
/// Every length comes from untrusted data, so every read checks it against the bytes actually
/// present before touching them; nothing is allocated from a length field.
struct ProtoReader {
    /// A malformed message; the record carrying it is reported as damage.
    struct Malformed: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    /// Protobuf wire types.
    enum WireType: UInt64 {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, startGroup = 3, endGroup = 4, fixed32 = 5
    }

    let bytes: UnsafeRawBufferPointer
    private(set) var position = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { position >= bytes.count }

    /// The next field's number and wire type, or nil at the end of the message.
    mutating func nextField() throws -> (number: Int, wireType: WireType)? {
        guard !isAtEnd else { return nil }
        let key = try readVarint()
        guard let wireType = WireType(rawValue: key & 7) else { throw Malformed(reason: "invalid wire type \(key & 7)") }
        let number = key >> 3
        guard number > 0, number < (1 << 29) else { throw Malformed(reason: "invalid field number \(number)") }
        return (Int(number), wireType)
    }

    mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if shift == 63, byte > 1 { throw Malformed(reason: "varint overflows 64 bits") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw Malformed(reason: "varint longer than 10 bytes") }
        }
        throw Malformed(reason: "varint runs past the end of the message")
    }

    mutating func readFixed64() throws -> UInt64 {
        guard bytes.count - position >= 8 else { throw Malformed(reason: "fixed64 runs past the end of the message") }
        defer { position += 8 }
        return bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self).littleEndian
    }

    mutating func readFixed32() throws -> UInt32 {
        guard bytes.count - position >= 4 else { throw Malformed(reason: "fixed32 runs past the end of the message") }
        defer { position += 4 }
        return bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self).littleEndian
    }

    mutating func readDouble() throws -> Double { Double(bitPattern: try readFixed64()) }

    mutating func readFloat() throws -> Float { Float(bitPattern: try readFixed32()) }

    /// The bytes of a length-delimited field, borrowed.
    mutating func readBytes() throws -> UnsafeRawBufferPointer {
        let length = try readVarint()
        guard length <= UInt64(bytes.count - position) else {
            throw Malformed(reason: "length \(length) runs past the end of the message")
        }
        let start = position
        position += Int(length)
        return UnsafeRawBufferPointer(rebasing: bytes[start..<position])
    }

    mutating func readString() throws -> String {
        String(decoding: try readBytes(), as: UTF8.self)
    }

    /// Skips a field of an unknown number (groups included, as protobuf allows).
    mutating func skip(_ wireType: WireType, depth: Int = 0) throws {
        switch wireType {
        case .varint: _ = try readVarint()
        case .fixed64: _ = try readFixed64()
        case .fixed32: _ = try readFixed32()
        case .lengthDelimited: _ = try readBytes()
        case .startGroup:
            guard depth < 64 else { throw Malformed(reason: "groups nested too deeply") }
            while let field = try nextField() {
                if field.wireType == .endGroup { return }
                try skip(field.wireType, depth: depth + 1)
            }
            throw Malformed(reason: "unterminated group")
        case .endGroup: throw Malformed(reason: "unexpected end of group")
        }
    }

    /// Reads a repeated scalar field in either encoding: packed (one length-delimited run) or
    /// unpacked (one element per key). Appends to `values`.
    mutating func readRepeated<T>(
        _ wireType: WireType, element: WireType, into values: inout [T], _ read: (inout ProtoReader) throws -> T
    ) throws {
        if wireType == element {
            values.append(try read(&self))
            return
        }
        guard wireType == .lengthDelimited else { throw Malformed(reason: "unexpected wire type \(wireType) for a repeated field") }
        var packed = ProtoReader(try readBytes())
        while !packed.isAtEnd { values.append(try read(&packed)) }
    }
}
