import Foundation

/// Follows a run that another process is still writing: a tfevents file, or a directory whose
/// new event files are picked up as they appear. Each `poll()` returns the events of the records
/// completed since the last one; a partial record at the end of a file is a record not yet
/// written and is read once it is complete.
///
/// Events come as recorded, session starts included: restart purges cannot be applied to events
/// already handed out, so a consumer that shows them drops later-stepped values itself on a
/// `sessionStart` (`RunReader` applies the purge for whole runs).
///
/// Thread-safe: a dashboard may poll from its own thread while another reads `damages`.
public final class RunFollower: @unchecked Sendable {
    /// The followed file or directory.
    public let path: String
    /// Damage found so far, in the order it was found.
    public var damages: [Damage] {
        lock.lock()
        defer { lock.unlock() }
        return found
    }

    private let lock = NSLock()
    private var found: [Damage] = []

    private let isDirectory: Bool
    private var cursors: [String: Cursor] = [:]
    private var decoder = EventDecoder()
    private var reported: Set<String> = []

    /// How far a file has been read.
    private struct Cursor {
        /// Where the next record starts.
        var offset = 0
        /// The largest size seen: a smaller size later means the file was truncated or replaced.
        var seenSize = 0
    }

    /// Bytes read per step: more than the largest record, so every complete record fits.
    private static let chunkSize = 2 * TFRecord.maxDataLength + 2 * TFRecord.overhead

    /// Starts following `path`. Throws `RunFileError.notFound` when nothing is there.
    public init(path: String) throws {
        self.path = path
        isDirectory = try EventFiles.kind(of: path) == .directory
    }

    /// Events of the records completed since the last poll, in file order (files in name order).
    public func poll() throws -> [Event] {
        lock.lock()
        defer { lock.unlock() }
        let files = isDirectory ? try EventFiles.list(directory: path) : [path]
        var events: [Event] = []
        for file in files {
            guard let size = try? EventFiles.size(file) else {
                if !isDirectory { throw RunFileError.notFound(path: file) }
                continue
            }
            var cursor = cursors[file] ?? Cursor()
            if size < cursor.seenSize {
                report(Damage(file: file, offset: size, reason: "file shrank from \(cursor.seenSize) to \(size) bytes; reading it again from the start"))
                cursor = Cursor()
            }
            cursor.seenSize = size
            while cursor.offset < size {
                let chunk = try EventFiles.read(file, from: cursor.offset, limit: Self.chunkSize)
                let next = decode(chunk, of: file, at: cursor.offset, into: &events)
                guard next > cursor.offset else { break }
                cursor.offset = next
                if chunk.count < Self.chunkSize { break }
            }
            cursors[file] = cursor
        }
        return events
    }

    /// Decodes the complete records of a chunk; returns the offset to continue from.
    private func decode(_ chunk: [UInt8], of file: String, at offset: Int, into events: inout [Event]) -> Int {
        let scanner = RecordScanner(file: file, base: offset, atEndOfFile: false)
        var batch: [DecodedEvent] = []
        var found: [Damage] = []
        let outcome = chunk.withUnsafeBytes { raw in
            scanner.scan(raw) { data, recordOffset in
                batch.removeAll(keepingCapacity: true)
                do {
                    try decoder.decode(data, into: &batch)
                    events += batch.map(\.event)
                } catch {
                    found.append(Damage(file: file, offset: recordOffset, reason: "invalid Event protobuf: \(error)"))
                }
            }
        }
        for damage in (found + outcome.damages).sorted(by: { $0.offset < $1.offset }) { report(damage) }
        return outcome.resumeOffset
    }

    private func report(_ damage: Damage) {
        if reported.insert("\(damage.offset) \(damage.file) \(damage.reason)").inserted { found.append(damage) }
    }
}
