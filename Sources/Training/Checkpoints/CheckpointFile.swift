import Engine
import Foundation

/// The checkpoint file format: named Float32 tensors plus a JSON header, versioned.
///
/// Layout (all integers little-endian):
/// ```
/// "TTCKPT\r\n"            8-byte magic (the \r\n catches text-mode mangling, as PNG's does)
/// UInt32 version          `CheckpointFile.version`
/// UInt64 headerLength     bytes of JSON that follow
/// header JSON             { "meta": <caller's JSON>, "tensors": [{"name", "shape"}…] }
/// tensor data             each tensor's Float32 elements, in header order
/// ```
/// Why not JSON for the numbers too: a digits MLP is ~100k floats; text would be ~10×
/// larger and slower, and decimal round trips are not guaranteed bit-exact.
public enum CheckpointFile {
    /// Format version written and accepted.
    public static let version: UInt32 = 1
    static let magic = Array("TTCKPT\r\n".utf8)

    private struct Index: Codable {
        var meta: String
        var tensors: [Entry]
    }

    private struct Entry: Codable {
        var name: String
        var shape: [Int]
    }

    /// Serializes `meta` (any text, JSON by convention) and the tensors.
    public static func encode(meta: String, tensors: [(name: String, tensor: Tensor)]) throws -> Data {
        let index = Index(meta: meta, tensors: tensors.map { Entry(name: $0.name, shape: $0.tensor.shape) })
        let header = try JSONEncoder().encode(index)
        var data = Data(magic)
        append(UInt32(version), to: &data)
        append(UInt64(header.count), to: &data)
        data.append(header)
        for (_, tensor) in tensors {
            #if _endian(little)
            tensor.storage.withUnsafeBytes { data.append(contentsOf: $0) }
            #else
            for value in tensor.storage { append(value.bitPattern, to: &data) }
            #endif
        }
        return data
    }

    /// Parses a file's bytes; `path` names the file in errors.
    public static func decode(_ data: Data, path: String) throws -> (meta: String, tensors: [(name: String, tensor: Tensor)]) {
        let bytes = [UInt8](data)
        func fail(_ detail: String) -> TrainingError { .checkpoint(path: path, detail: detail) }
        guard bytes.count >= 20, Array(bytes[0..<8]) == magic else {
            throw fail("not a tunetop checkpoint (bad magic)")
        }
        let fileVersion = UInt32(readInteger(bytes, at: 8, size: 4))
        guard fileVersion == version else {
            throw fail("format version \(fileVersion), this tunetop reads version \(version); re-create it with a matching tunetop")
        }
        let headerLength = readInteger(bytes, at: 12, size: 8)
        guard headerLength <= UInt64(bytes.count - 20) else { throw fail("header length \(headerLength) past end of file") }
        let headerEnd = 20 + Int(headerLength)
        let index: Index
        do {
            index = try JSONDecoder().decode(Index.self, from: Data(bytes[20..<headerEnd]))
        } catch {
            throw fail("unreadable header: \(error)")
        }
        var offset = headerEnd
        var tensors: [(name: String, tensor: Tensor)] = []
        for entry in index.tensors {
            guard entry.shape.allSatisfy({ $0 >= 0 && $0 < 1 << 31 }) else { throw fail("\(entry.name): bad shape \(entry.shape)") }
            let count = entry.shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
            guard count >= 0, count <= (bytes.count - offset) / 4 else {
                throw fail("\(entry.name): \(count) values past end of file (truncated?)")
            }
            var storage = [Float](repeating: 0, count: count)
            #if _endian(little)
            storage.withUnsafeMutableBytes { target in
                bytes.withUnsafeBytes { source in
                    target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + count * 4]))
                }
            }
            #else
            for element in 0..<count {
                storage[element] = Float(bitPattern: UInt32(readInteger(bytes, at: offset + element * 4, size: 4)))
            }
            #endif
            offset += count * 4
            tensors.append((entry.name, try Tensor(shape: entry.shape, storage: storage)))
        }
        guard offset == bytes.count else { throw fail("\(bytes.count - offset) unexpected bytes after the last tensor") }
        return (index.meta, tensors)
    }

    /// Writes atomically: a temporary file in the same directory, flushed, then renamed
    /// over `path`, so a crash leaves either the old checkpoint or the new one, never half.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
            throw TrainingError.checkpoint(path: temporary, detail: "cannot create")
        }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw TrainingError.checkpoint(path: path, detail: "write failed: \(error)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw TrainingError.checkpoint(path: path, detail: "rename failed: \(reason)")
        }
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    private static func readInteger(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt64 {
        var value: UInt64 = 0
        for byte in 0..<size { value |= UInt64(bytes[offset + byte]) << (8 * UInt64(byte)) }
        return value
    }
}
