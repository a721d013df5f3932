import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shared state between `RunWriter` (producer, on the trainer thread) and its background
/// thread (the only one that touches the file). Everything mutable is guarded by `condition`.
final class WriterCore: @unchecked Sendable {
    let path: String
    private let descriptor: Int32
    private let condition = NSCondition()

    /// Encoded records not yet handed to the kernel.
    private var pending: [UInt8] = []
    /// An fsync is wanted as soon as the pending bytes are written.
    private var syncRequested = false
    /// Flush tickets: a flush waits until `completedTicket` reaches the ticket it took.
    private var requestedTicket = 0
    private var completedTicket = 0
    private var stopping = false
    private var finished = false
    private var closed = false
    private var failure: RunFileError?
    private var dropped = 0

    /// How often queued bytes reach the kernel, and how often they are fsynced at the latest.
    private static let writeInterval = 0.2
    private static let syncInterval = 1.0

    init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Bytes queued and not yet written.
    var backlog: Int {
        condition.lock()
        defer { condition.unlock() }
        return pending.count
    }

    var droppedEventCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return dropped
    }

    /// Queues encoded records holding `acceptedEvents` events (counted as dropped when the writer
    /// is closed or broken), plus `droppedEvents` the caller already dropped.
    func enqueue(_ bytes: [UInt8], sync: Bool, acceptedEvents: Int = 0, droppedEvents: Int) {
        condition.lock()
        defer { condition.unlock() }
        dropped += droppedEvents
        guard !stopping, failure == nil else {
            dropped += acceptedEvents
            return
        }
        pending += bytes
        if sync {
            syncRequested = true
            condition.signal()
        }
    }

    /// Waits until everything queued before the call is written and fsynced.
    func flush(closing: Bool) throws {
        condition.lock()
        defer { condition.unlock() }
        if closing {
            if closed { if let failure { throw failure } else { return } }
            closed = true
            stopping = true
        }
        requestedTicket += 1
        let ticket = requestedTicket
        syncRequested = true
        condition.broadcast()
        while completedTicket < ticket, !finished { condition.wait() }
        if closing { while !finished { condition.wait() } }
        if let failure { throw failure }
    }

    func close() throws {
        try flush(closing: true)
    }

    /// The background thread's loop.
    func run() {
        var lastSync = Date()
        var unsynced = false
        while true {
            condition.lock()
            let deadline = Date().addingTimeInterval(Self.writeInterval)
            while !syncRequested, !stopping, Date() < deadline { _ = condition.wait(until: deadline) }
            let bytes = pending
            pending = []
            let syncNow = syncRequested || stopping || (unsynced || !bytes.isEmpty) && Date().timeIntervalSince(lastSync) >= Self.syncInterval
            syncRequested = false
            let ticket = requestedTicket
            let stop = stopping
            let broken = failure != nil
            condition.unlock()

            var error: RunFileError?
            if !broken, !bytes.isEmpty {
                error = writeAll(bytes)
                unsynced = true
            }
            if !broken, error == nil, syncNow, unsynced {
                if fsync(descriptor) != 0 { error = EventFiles.ioError(path, "fsync") }
                unsynced = false
                lastSync = Date()
            }
            if stop, EventFiles.closeDescriptor(descriptor) != 0, error == nil, !broken {
                error = EventFiles.ioError(path, "close")
            }

            condition.lock()
            if let error, failure == nil { failure = error }
            if syncNow { completedTicket = max(completedTicket, ticket) }
            if stop { finished = true }
            condition.broadcast()
            condition.unlock()
            if stop { return }
        }
    }

    /// Hands bytes to the kernel, retrying short writes and interruptions.
    private func writeAll(_ bytes: [UInt8]) -> RunFileError? {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return EventFiles.ioError(path, "write")
                }
                offset += written
            }
            return nil
        }
    }
}
