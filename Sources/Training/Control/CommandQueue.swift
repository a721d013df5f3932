import Foundation
import Telemetry

/// A command waiting for the next step boundary, with who sent it and why.
public struct PendingCommand: Sendable, Equatable {
    /// What to do.
    public var command: Command
    /// Who asked (a key, a doctor rule, the schedule).
    public var source: CommandSource
    /// Free text recorded in the control event (e.g. the rule's reason).
    public var detail: String?

    /// Creates a pending command.
    public init(command: Command, source: CommandSource, detail: String? = nil) {
        self.command = command
        self.source = source
        self.detail = detail
    }
}

/// Commands from any thread, taken by the trainer at step boundaries. Each command is
/// handed out exactly once and in the order sent; taking never blocks on a sender for
/// longer than an append.
public final class CommandQueue: Sendable {
    private let pending = Shared<[PendingCommand]>([])

    /// An empty queue.
    public init() {}

    /// Queues a command (any thread).
    public func send(_ pending: PendingCommand) {
        self.pending.withLock { $0.append(pending) }
    }

    /// Everything queued so far, removed from the queue (the trainer thread).
    public func takeAll() -> [PendingCommand] {
        pending.withLock { queued in
            defer { queued.removeAll(keepingCapacity: true) }
            return queued
        }
    }

    /// Whether commands wait (lets a paused trainer sleep until one arrives).
    public var isEmpty: Bool {
        pending.withLock { $0.isEmpty }
    }
}
