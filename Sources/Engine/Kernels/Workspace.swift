import Synchronization

/// A reusable, 64-byte aligned Float scratch buffer (GEMM packing, im2col). Reusing it across
/// calls avoids glibc returning multi-megabyte blocks to the kernel after every step and
/// page-faulting them back in (the cost numpy's CNN pays; see shared/bench/README.md).
public final class Workspace: @unchecked Sendable {
    /// Start of the buffer; valid for `capacity` Floats until the workspace is returned.
    public private(set) var pointer: UnsafeMutablePointer<Float>
    /// Floats the buffer holds.
    public private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: self.capacity * 4, alignment: 64)
        pointer = raw.bindMemory(to: Float.self, capacity: self.capacity)
    }

    /// Grows the buffer (contents are not preserved) so it holds at least `count` Floats.
    func reserve(_ count: Int) {
        guard count > capacity else { return }
        UnsafeMutableRawPointer(pointer).deallocate()
        capacity = count
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count * 4, alignment: 64)
        pointer = raw.bindMemory(to: Float.self, capacity: count)
    }

    deinit { UnsafeMutableRawPointer(pointer).deallocate() }
}

/// A lock-protected stack of workspaces: each concurrent kernel call takes its own and gives
/// it back, so buffers are reused across calls and threads without sharing.
public enum WorkspacePool {
    private static let free = Mutex<[Workspace]>([])

    /// Runs `body` with a workspace of at least `count` Floats.
    public static func with<R>(count: Int, _ body: (UnsafeMutablePointer<Float>) throws -> R) rethrows -> R {
        let workspace = free.withLock { $0.popLast() } ?? Workspace(capacity: count)
        workspace.reserve(count)
        defer { free.withLock { $0.append(workspace) } }
        return try body(workspace.pointer)
    }
}
