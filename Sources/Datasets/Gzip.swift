import CZlib

/// gzip through the system zlib. Output grows with the bytes actually inflated (never sized
/// from the trailer's claimed length) and stops at a caller's cap, so a hostile file can
/// neither make us allocate what it claims nor inflate without bound.
enum Gzip {
    /// How an inflation ended.
    enum Ending: Equatable {
        /// Every member ended with a verified CRC and no input was left over.
        case complete
        /// The output reached the requested cap; the rest was not inflated.
        case reachedCap
        /// The compressed input ran out before the stream's end.
        case inputEndedEarly(compressedOffset: Int)
    }

    /// True when `bytes` start with the gzip magic `1f 8b`.
    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Inflates `compressed` (one or more concatenated gzip members) up to `cap` output bytes.
    /// Throws `.gzip` naming `file` and the compressed offset when the data is corrupt.
    static func inflate(_ compressed: [UInt8], file: String, cap: Int) throws -> (bytes: [UInt8], ending: Ending) {
        guard compressed.count <= Int(UInt32.max) else {
            throw DatasetError.gzip(file: file, offset: 0, detail: "compressed files over 4 GiB are not supported")
        }
        var output = [UInt8]()
        // A growth hint bounded by the real input, not by the trailer's claimed size.
        output.reserveCapacity(min(cap, compressed.count * 8))
        var stream = z_stream()
        guard czlib_inflate_init_gzip(&stream) == Z_OK else {
            throw DatasetError.gzip(file: file, offset: 0, detail: "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        let chunkSize = 1 << 18
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        return try compressed.withUnsafeBufferPointer { input -> ([UInt8], Ending) in
            guard let inputBase = input.baseAddress else { return ([], .inputEndedEarly(compressedOffset: 0)) }
            stream.next_in = UnsafeMutablePointer(mutating: inputBase)
            stream.avail_in = UInt32(clamping: input.count)
            while output.count < cap {
                let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(chunkSize)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunkSize - Int(stream.avail_out)
                let room = cap - output.count
                output.append(contentsOf: chunk[0..<min(produced, room)])
                let consumed = input.count - Int(stream.avail_in)
                switch status {
                case Z_OK:
                    if produced == 0 && stream.avail_in == 0 { return (output, .inputEndedEarly(compressedOffset: consumed)) }
                case Z_BUF_ERROR:
                    return (output, .inputEndedEarly(compressedOffset: consumed))
                case Z_STREAM_END:
                    if consumed >= input.count { return (output, produced > room ? .reachedCap : .complete) }
                    guard consumed + 1 < input.count, input[consumed] == 0x1F, input[consumed + 1] == 0x8B else {
                        throw DatasetError.gzip(
                            file: file, offset: consumed,
                            detail: "\(input.count - consumed) bytes of trailing garbage after the gzip stream")
                    }
                    inflateReset(&stream)
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                    throw DatasetError.gzip(file: file, offset: consumed, detail: message)
                }
            }
            return (output, .reachedCap)
        }
    }

    /// Compresses `bytes` into one gzip member (for tests and tools writing .gz fixtures).
    static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        guard czlib_deflate_init_gzip(&stream, level) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        var output = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        bytes.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = UInt32(input.count)
            var status = Z_OK
            repeat {
                status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    return deflate(&stream, Z_FINISH)
                }
                output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
            } while status == Z_OK
        }
        return output
    }
}
