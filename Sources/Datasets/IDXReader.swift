/// Reads and writes IDX files (`train-images-idx3-ubyte`, …), gzip-compressed or plain.
///
/// Layout: bytes 0–1 zero, byte 2 the element type, byte 3 the number of dimensions `D`,
/// then `D` big-endian UInt32 sizes, then the elements. Nothing is allocated from the
/// header alone: the payload is copied only once the bytes are present, and gzip output
/// grows with what zlib actually produces, capped at what the header says it needs.
public enum IDX {
    /// More dimensions than this is taken as a corrupt header.
    public static let maxDimensions = 8

    /// Reads `path`. With `limit`, only the first `limit` records (first-dimension entries)
    /// are loaded and only that much is decompressed; `declaredCount` still reports the
    /// header's count. A full read also rejects bytes after the last record.
    public static func read(path: String, limit: Int? = nil) throws -> IDXArray {
        if let limit, limit < 0 {
            throw DatasetError.invalidArgument(context: "IDX.read \(path)", detail: "limit \(limit) must not be negative")
        }
        let raw = try FileBytes.read(path)
        guard Gzip.isGzip(raw) else { return try parse(raw, file: path, limit: limit, compressedEnd: nil) }

        let (headerBytes, headerEnding) = try Gzip.inflate(raw, file: path, cap: 4 + 4 * maxDimensions)
        var headerEnd: Int?
        if case .inputEndedEarly(let offset) = headerEnding { headerEnd = offset }
        let header = try Header(headerBytes, file: path, compressedEnd: headerEnd, allowShort: true)
        let wanted = try header.byteCount(records: limit.map { min($0, header.count) } ?? header.count, file: path)
        // One byte more than needed on a full read, so trailing data is noticed.
        let (bytes, ending) = try Gzip.inflate(raw, file: path, cap: limit == nil ? wanted + 1 : wanted)
        var compressedEnd: Int?
        if case .inputEndedEarly(let offset) = ending { compressedEnd = offset }
        let array = try parse(bytes, file: path, limit: limit, compressedEnd: compressedEnd)
        if limit == nil, let compressedEnd {
            throw DatasetError.gzip(file: path, offset: compressedEnd, detail: "the stream ends before its gzip trailer (CRC and size)")
        }
        return array
    }

    /// Parses IDX bytes already in memory (`compressedEnd` set when they came from a gzip
    /// stream that ended early, for the error message).
    static func parse(_ bytes: [UInt8], file: String, limit: Int?, compressedEnd: Int?) throws -> IDXArray {
        let header = try Header(bytes, file: file, compressedEnd: compressedEnd, allowShort: false)
        let records = limit.map { min($0, header.count) } ?? header.count
        let needed = try header.byteCount(records: records, file: file)
        guard bytes.count >= needed else {
            let present = (bytes.count - header.size) / max(header.recordSize, 1)
            throw DatasetError.truncated(
                file: file, offset: bytes.count,
                expected: "record \(present + 1) of \(header.count) (\(header.recordSize) bytes each, \(needed) bytes in all)"
                    + Header.gzipNote(compressedEnd))
        }
        if limit == nil, bytes.count > needed {
            throw DatasetError.malformed(
                file: file, offset: needed, expected: "the end of the file after \(header.count) records",
                found: "\(bytes.count - needed) more bytes")
        }
        var array = try IDXArray(
            elementType: header.elementType, dimensions: [records] + header.dimensions.dropFirst(),
            payload: Array(bytes[header.size..<needed]))
        array.declaredCount = header.count
        return array
    }

    /// The file bytes for `array` (header then payload).
    public static func encode(_ array: IDXArray) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, array.elementType.rawValue, UInt8(array.dimensions.count)]
        for dimension in array.dimensions {
            let value = UInt32(dimension)
            bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        }
        return bytes + array.payload
    }

    /// Encodes `array` and writes it to `path`, gzip-compressed when `compressed`.
    public static func write(_ array: IDXArray, to path: String, compressed: Bool) throws {
        let bytes = encode(array)
        try FileBytes.write(compressed ? Gzip.compress(bytes) : bytes, to: path)
    }
}

/// A validated IDX header.
private struct Header {
    var elementType: IDXElementType
    var dimensions: [Int]
    var size: Int { 4 + 4 * dimensions.count }
    var count: Int { dimensions[0] }
    /// Bytes per record (one entry of the first dimension); checked against overflow.
    var recordSize: Int

    /// Parses the header at the start of `bytes`. `allowShort` accepts a prefix that ends
    /// inside the dimensions (reading a gzip prefix) by checking only what is present.
    init(_ bytes: [UInt8], file: String, compressedEnd: Int?, allowShort: Bool) throws {
        let note = Header.gzipNote(compressedEnd)
        guard bytes.count >= 4 else {
            throw DatasetError.truncated(file: file, offset: bytes.count, expected: "the 4-byte IDX magic number" + note)
        }
        let magic = bytes[0..<4].map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        guard bytes[0] == 0, bytes[1] == 0 else {
            throw DatasetError.malformed(
                file: file, offset: 0, expected: "an IDX magic number 0x0000TTDD (2051 for images, 2049 for labels)",
                found: "0x\(magic)")
        }
        guard let elementType = IDXElementType(rawValue: bytes[2]) else {
            throw DatasetError.malformed(
                file: file, offset: 2, expected: "an IDX element type (08 ubyte, 09 byte, 0B short, 0C int, 0D float, 0E double)",
                found: "0x\(String(bytes[2], radix: 16)) in magic 0x\(magic)")
        }
        let dimensionCount = Int(bytes[3])
        guard (1...IDX.maxDimensions).contains(dimensionCount) else {
            throw DatasetError.malformed(
                file: file, offset: 3, expected: "1…\(IDX.maxDimensions) dimensions", found: "\(dimensionCount) in magic 0x\(magic)")
        }
        var dimensions: [Int] = []
        for index in 0..<dimensionCount {
            let start = 4 + 4 * index
            guard bytes.count >= start + 4 else {
                if allowShort && !dimensions.isEmpty { break }
                throw DatasetError.truncated(
                    file: file, offset: bytes.count, expected: "dimension \(index + 1) of \(dimensionCount) (4 bytes)" + note)
            }
            dimensions.append(bytes[start..<(start + 4)].reduce(0) { $0 << 8 | Int($1) })
        }
        var recordSize = elementType.size
        for (index, dimension) in dimensions.enumerated().dropFirst() {
            let (product, overflow) = recordSize.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw DatasetError.malformed(
                    file: file, offset: 4 + 4 * index, expected: "dimensions whose product fits in memory", found: "\(dimensions)")
            }
            recordSize = product
        }
        self.elementType = elementType
        self.dimensions = dimensions
        self.recordSize = recordSize
    }

    /// Header plus `records` records, in bytes; throws when that overflows.
    func byteCount(records: Int, file: String) throws -> Int {
        let (payload, overflow) = records.multipliedReportingOverflow(by: recordSize)
        guard !overflow, payload <= Int.max - size else {
            throw DatasetError.malformed(
                file: file, offset: 4, expected: "dimensions whose product fits in memory", found: "\(dimensions)")
        }
        return size + payload
    }

    /// The clause that says offsets count decompressed bytes.
    static func gzipNote(_ compressedEnd: Int?) -> String {
        compressedEnd.map { "; offsets count decompressed bytes, the gzip data ends early at compressed byte \($0)" } ?? ""
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
