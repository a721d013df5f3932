/// Splits `0..<count` into at most `GEMM.threadCount` contiguous chunks and runs
/// `body(chunk, chunkIndex)` for each, concurrently when there is more than one. Samples of
/// a batch are independent, so each chunk writes only its own rows (and its own partial
/// weight gradient, indexed by `chunkIndex`). Splitting the batch rather than each small
/// per-sample product keeps both cores busy on im2col, pooling and col2im too.
func forEachChunk(of count: Int, _ body: (Range<Int>, Int) -> Void) {
    let chunks = chunkCount(of: count)
    Parallel.forEach(chunks) { chunk in
        body(count * chunk / chunks ..< count * (chunk + 1) / chunks, chunk)
    }
}

/// The number of chunks `forEachChunk(of:)` will use, so callers can size per-chunk scratch.
func chunkCount(of count: Int) -> Int { max(1, min(GEMM.threadCount, count)) }
