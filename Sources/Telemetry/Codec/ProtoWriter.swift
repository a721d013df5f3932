/// A minimal protobuf wire-format writer: just the field kinds our Event messages use.
struct ProtoWriter {
    private(set) var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private mutating func key(_ field: Int, _ wireType: UInt64) {
        varint(UInt64(field) << 3 | wireType)
    }

    mutating func varintField(_ field: Int, _ value: UInt64) {
        key(field, 0)
        varint(value)
    }

    /// An int64 field: negative values take ten bytes (two's complement), as protobuf specifies.
    mutating func int64Field(_ field: Int, _ value: Int) {
        varintField(field, UInt64(bitPattern: Int64(value)))
    }

    mutating func doubleField(_ field: Int, _ value: Double) {
        key(field, 1)
        appendLittleEndian(value.bitPattern)
    }

    mutating func floatField(_ field: Int, _ value: Float) {
        key(field, 5)
        appendLittleEndian(value.bitPattern)
    }

    mutating func bytesField(_ field: Int, _ value: some Collection<UInt8>) {
        key(field, 2)
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func stringField(_ field: Int, _ value: String) {
        bytesField(field, Array(value.utf8))
    }

    /// A nested message, written by `body` into its own buffer so its length can prefix it.
    mutating func messageField(_ field: Int, _ body: (inout ProtoWriter) -> Void) {
        var nested = ProtoWriter()
        body(&nested)
        bytesField(field, nested.bytes)
    }

    /// A packed repeated double field (proto3's default encoding).
    mutating func packedDoubles(_ field: Int, _ values: [Double]) {
        guard !values.isEmpty else { return }
        key(field, 2)
        varint(UInt64(values.count * 8))
        for value in values { appendLittleEndian(value.bitPattern) }
    }

    private mutating func appendLittleEndian(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    private mutating func appendLittleEndian(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }
}
