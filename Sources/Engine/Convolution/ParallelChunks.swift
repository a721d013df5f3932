import Dispatch
import Synchronization

/// How many threads the convolution layers split a batch over. One engine-wide knob (the
/// benchmark's `threads`, the trainer's setting) rather than a per-layer property, so a
/// model built anywhere follows it.
public enum ConvolutionThreads {
    private static let storage = Atomic<Int>(1)

    /// Threads used by the next forward/backward passes (at least 1).
    public static var count: Int { storage.load(ordering: .relaxed) }

    /// Sets the thread count; throws on a count below 1.
    public static func set(_ threads: Int) throws {
        guard threads >= 1 else {
            throw EngineError.invalidHyperparameter(
                context: "ConvolutionThreads", name: "threads", value: "\(threads)", allowed: "≥ 1")
        }
        storage.store(threads, ordering: .relaxed)
    }
}

/// Splits `0..<count` into at most `ConvolutionThreads.count` contiguous chunks and runs
/// `body(chunk, chunkIndex)` for each, concurrently when there is more than one. Samples of
/// a batch are independent, so each chunk writes only its own rows (and its own partial
/// weight gradient, indexed by `chunkIndex`).
func forEachChunk(of count: Int, _ body: (Range<Int>, Int) -> Void) {
    let chunks = chunkCount(of: count)
    if chunks == 1 {
        body(0..<count, 0)
        return
    }
    // Safe to share: each chunk touches disjoint memory (see above), and the call returns
    // only after every chunk has finished.
    nonisolated(unsafe) let body = body
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        body(count * chunk / chunks ..< count * (chunk + 1) / chunks, chunk)
    }
}

/// The number of chunks `forEachChunk(of:)` will use, so callers can size per-chunk scratch.
func chunkCount(of count: Int) -> Int { max(1, min(ConvolutionThreads.count, count)) }
