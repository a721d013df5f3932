import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Records a run as a TensorBoard event file. Called from the trainer thread; never blocks it on
/// disk: `write` encodes and queues, a background thread writes the queue to the file every 200 ms
/// (so a killed process loses at most that much), fsyncs at least every second, immediately after
/// `events/control` and `run/summary` events, on `flush()` and at `close()`.
///
/// Memory stays bounded when the disk cannot keep up: beyond 16 MiB of queued bytes histograms
/// are dropped, beyond 64 MiB everything but text; `droppedEventCount` counts them.
/// I/O errors are kept and thrown, naming the file, by the next `flush()` or `close()`.
public final class RunWriter: @unchecked Sendable {
    /// The event file being written.
    public let path: String
    private let core: WriterCore

    /// Creates `directory` (and parents) if needed and starts a new event file in it. With
    /// `resumeAtStep`, the file starts with a `SessionLog.START` at that step so readers drop the
    /// values a previous session recorded at or past it.
    public init(directory: String, resumeAtStep: Int? = nil) throws {
        try Self.makeDirectory(directory)
        let now = Date().timeIntervalSince1970
        let (path, descriptor) = try Self.createFile(in: directory, seconds: Int(now))
        self.path = path
        var header: [UInt8] = []
        TFRecord.append(EventEncoder.fileVersionRecord(wallTime: now), to: &header)
        if let resumeAtStep {
            TFRecord.append(EventEncoder.sessionStartRecord(step: resumeAtStep, wallTime: now), to: &header)
        }
        core = WriterCore(path: path, descriptor: descriptor)
        core.enqueue(header, sync: true, droppedEvents: 0)
        let core = self.core
        let thread = Thread { core.run() }
        thread.name = "tunetop.RunWriter"
        thread.start()
    }

    deinit {
        try? core.close()
    }

    /// Queues events. Scalars sharing a step and wall time go into one Event record (as
    /// TensorBoard writers do), every histogram and text value into its own, a `sessionStart`
    /// into a `SessionLog.START` record.
    public func write(_ events: [Event]) {
        guard !events.isEmpty else { return }
        let backlog = core.backlog
        var dropped = 0
        var records: [UInt8] = []
        var sync = false
        for record in RecordGrouping.records(for: events) {
            if !Self.admits(record.kind, backlog: backlog + records.count) {
                dropped += record.eventCount
                continue
            }
            let data = record.encode()
            guard data.count <= TFRecord.maxDataLength else {
                dropped += record.eventCount
                continue
            }
            TFRecord.append(data, to: &records)
            sync = sync || record.needsSync
        }
        core.enqueue(records, sync: sync, acceptedEvents: events.count - dropped, droppedEvents: dropped)
    }

    /// Writes and fsyncs everything queued so far; returns when it is on disk.
    /// Throws the first I/O error the writer met, naming the file.
    public func flush() throws {
        try core.flush(closing: false)
    }

    /// Flushes, fsyncs and closes the file. Further writes are ignored. Safe to call twice.
    public func close() throws {
        try core.close()
    }

    /// Events dropped because the disk fell too far behind, the writer was closed, or an I/O
    /// error stopped it.
    public var droppedEventCount: Int { core.droppedEventCount }

    private static let histogramBacklogLimit = 16 << 20
    private static let backlogLimit = 64 << 20

    private static func admits(_ kind: RecordGrouping.Kind, backlog: Int) -> Bool {
        switch kind {
        case .histogram: return backlog < histogramBacklogLimit
        case .scalars: return backlog < backlogLimit
        case .text, .sessionStart: return true
        }
    }

    private static func makeDirectory(_ directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw RunFileError.io(file: directory, operation: "create directory", reason: "\(error.localizedDescription)")
        }
    }

    /// Opens a new file whose name sorts after every event file already in the directory (so a
    /// resumed run's file is read after the one it continues), fsyncing the directory entry.
    private static func createFile(in directory: String, seconds: Int) throws -> (String, Int32) {
        let existing = (try? EventFiles.list(directory: directory)) ?? []
        let latest = existing.compactMap { EventFileName.seconds(of: String($0.split(separator: "/").last ?? "")) }.max()
        let seconds = latest.map { $0 >= seconds ? $0 + 1 : seconds } ?? seconds
        for _ in 0..<1000 {
            let path = EventFiles.join(directory, EventFileName.next(seconds: seconds))
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o644)
            if descriptor >= 0 {
                EventFiles.syncDirectory(directory)
                return (path, descriptor)
            }
            if errno != EEXIST { throw EventFiles.ioError(path, "create") }
        }
        throw RunFileError.io(file: directory, operation: "create event file", reason: "no free file name")
    }
}
