/// TFRecord framing: `u64 length (LE) | u32 masked CRC32C of those 8 bytes | data | u32 masked
/// CRC32C of data`, records simply concatenated (TensorFlow `record_writer.cc`).
public enum TFRecord {
    /// Bytes of framing around each record's data.
    public static let overhead = 16
    /// The largest record we write or read. A length field above this is treated as damage before
    /// anything is allocated, as TensorBoard's data server does (`TooLarge`).
    public static let maxDataLength = 16 << 20

    /// Appends one framed record holding `data` to `output`.
    public static func append(_ data: [UInt8], to output: inout [UInt8]) {
        var length = UInt64(data.count).littleEndian
        let lengthCRC = withUnsafeBytes(of: &length) { bytes in
            output.append(contentsOf: bytes)
            return CRC32C.maskedChecksum(bytes)
        }
        appendLittleEndian(lengthCRC, to: &output)
        output.append(contentsOf: data)
        appendLittleEndian(data.withUnsafeBytes { CRC32C.maskedChecksum($0) }, to: &output)
    }

    static func appendLittleEndian(_ value: UInt32, to output: inout [UInt8]) {
        output.append(UInt8(truncatingIfNeeded: value))
        output.append(UInt8(truncatingIfNeeded: value >> 8))
        output.append(UInt8(truncatingIfNeeded: value >> 16))
        output.append(UInt8(truncatingIfNeeded: value >> 24))
    }
}

/// Walks the framed records of a byte range, verifying both checksums of every record, and
/// resynchronizes after damage by scanning byte by byte for the next fully valid record.
///
/// Why byte-scan rather than stop: a run file is read-only history, so salvaging the records after
/// a bad one beats hiding them (TensorBoard's Python loader silently stops at the first bad record).
/// The length CRC makes a false resynchronization point a 1-in-2^32 event per offset, and the data
/// CRC must match too.
struct RecordScanner {
    /// The file the bytes come from, for damage reports.
    let file: String
    /// The file offset of `bytes[0]`.
    let base: Int
    /// Whether the bytes reach the end of the file for good: then an incomplete record at the end is
    /// damage (truncated). Otherwise (following a live file) it is a record not yet fully written.
    let atEndOfFile: Bool

    /// What a scan reached.
    struct Outcome {
        /// The file offset to continue from next time (may lie beyond the bytes scanned when a
        /// valid-length record is skipped whole).
        var resumeOffset: Int
        var damages: [Damage]
    }

    /// Calls `visit(data, recordOffset)` for every valid record, in order.
    func scan(_ bytes: UnsafeRawBufferPointer, visit: (UnsafeRawBufferPointer, Int) -> Void) -> Outcome {
        var damages: [Damage] = []
        var position = 0
        while position < bytes.count {
            switch step(bytes, at: position, damages: &damages, visit: visit) {
            case .continueAt(let next): position = next
            case .stop(let resumeOffset): return Outcome(resumeOffset: resumeOffset, damages: damages)
            }
        }
        return Outcome(resumeOffset: base + bytes.count, damages: damages)
    }

    /// Where the scan goes after one record.
    private enum Next {
        case continueAt(Int)
        case stop(resumeOffset: Int)
    }

    /// Reads (or skips) the record at `position`.
    private func step(
        _ bytes: UnsafeRawBufferPointer, at position: Int, damages: inout [Damage],
        visit: (UnsafeRawBufferPointer, Int) -> Void
    ) -> Next {
        let available = bytes.count - position
        guard available >= 12 else {
            return incomplete(bytes, at: position, reason: "truncated record header (\(available) of 12 bytes)", damages: &damages)
        }
        let header = Header(bytes, at: position)
        guard header.lengthIsValid else { return resynchronize(bytes, at: position, damages: &damages) }
        let recordEnd = position + TFRecord.overhead + header.length
        if header.length > TFRecord.maxDataLength {
            // The length is genuine (its CRC holds), only too big for us: skip the record whole.
            damages.append(damage(at: position, "record length \(header.length) exceeds the \(TFRecord.maxDataLength >> 20) MiB cap; skipped"))
            if recordEnd <= bytes.count { return .continueAt(recordEnd) }
            return .stop(resumeOffset: atEndOfFile ? base + bytes.count : base + recordEnd)
        }
        guard recordEnd <= bytes.count else {
            let reason = "truncated record (length \(header.length); \(available) of \(TFRecord.overhead + header.length) bytes present)"
            return incomplete(bytes, at: position, reason: reason, damages: &damages)
        }
        let data = UnsafeRawBufferPointer(rebasing: bytes[(position + 12)..<(recordEnd - 4)])
        let storedDataCRC = bytes.loadUnaligned(fromByteOffset: recordEnd - 4, as: UInt32.self).littleEndian
        guard CRC32C.maskedChecksum(data) == storedDataCRC else {
            // A torn record whose writer went on appending: its length swallows valid records.
            if let next = nextValidRecord(bytes, from: position + 1, before: recordEnd) {
                damages.append(damage(at: position, "bad data checksum (length \(header.length)); a valid record starts inside it, skipped \(next - position) bytes"))
                return .continueAt(next)
            }
            damages.append(damage(at: position, "bad data checksum (length \(header.length)); record skipped"))
            return .continueAt(recordEnd)
        }
        visit(data, base + position)
        return .continueAt(recordEnd)
    }

    /// An incomplete record: skipped when a valid record follows it (the writer tore it and went
    /// on); otherwise the end of the file (damage) or, on a live file, a record not yet written.
    private func incomplete(_ bytes: UnsafeRawBufferPointer, at position: Int, reason: String, damages: inout [Damage]) -> Next {
        if let next = nextValidRecord(bytes, from: position + 1) {
            damages.append(damage(at: position, "\(reason), followed by a valid record; skipped \(next - position) bytes"))
            return .continueAt(next)
        }
        guard atEndOfFile else { return .stop(resumeOffset: base + position) }
        damages.append(damage(at: position, reason))
        return .stop(resumeOffset: base + bytes.count)
    }

    /// A header whose length checksum fails: the length cannot be trusted, so scan byte by byte.
    private func resynchronize(_ bytes: UnsafeRawBufferPointer, at position: Int, damages: inout [Damage]) -> Next {
        if let next = nextValidRecord(bytes, from: position + 1) {
            damages.append(damage(at: position, "bad length checksum; skipped \(next - position) bytes to the next valid record"))
            return .continueAt(next)
        }
        guard atEndOfFile else { return .stop(resumeOffset: base + position) }
        let rest = UnsafeRawBufferPointer(rebasing: bytes[position...])
        let what = rest.allSatisfy { $0 == 0 } ? "zero-filled tail" : "unreadable tail"
        damages.append(damage(at: position, "bad length checksum: \(what) of \(rest.count) bytes, no valid record follows"))
        return .stop(resumeOffset: base + bytes.count)
    }

    /// The first offset at or after `start` where a complete record with both checksums valid begins.
    func nextValidRecord(_ bytes: UnsafeRawBufferPointer, from start: Int, before limit: Int = .max) -> Int? {
        var candidate = start
        while candidate + TFRecord.overhead <= bytes.count, candidate < limit {
            let header = Header(bytes, at: candidate)
            if header.lengthIsValid, header.length <= TFRecord.maxDataLength,
                candidate + TFRecord.overhead + header.length <= bytes.count
            {
                let end = candidate + TFRecord.overhead + header.length
                let data = UnsafeRawBufferPointer(rebasing: bytes[(candidate + 12)..<(end - 4)])
                if CRC32C.maskedChecksum(data) == bytes.loadUnaligned(fromByteOffset: end - 4, as: UInt32.self).littleEndian {
                    return candidate
                }
            }
            candidate += 1
        }
        return nil
    }

    private func damage(at position: Int, _ reason: String) -> Damage {
        Damage(file: file, offset: base + position, reason: reason)
    }

    /// The 12-byte record header at a position (caller guarantees 12 bytes are there).
    struct Header {
        var length: Int
        var lengthIsValid: Bool

        init(_ bytes: UnsafeRawBufferPointer, at position: Int) {
            let rawLength = bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self).littleEndian
            let lengthBytes = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + 8)])
            let storedCRC = bytes.loadUnaligned(fromByteOffset: position + 8, as: UInt32.self).littleEndian
            lengthIsValid = CRC32C.maskedChecksum(lengthBytes) == storedCRC
            length = rawLength > UInt64(Int.max / 2) ? Int.max / 2 : Int(rawLength)
        }
    }
}
