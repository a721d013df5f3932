import Synchronization

/// Single-precision matrix multiply, C = alpha · op(A) · op(B) + beta · C, row-major, pure
/// Swift: GotoBLAS-style blocking (kc × nc panels of B, mc × kc blocks of A, packed) around a
/// 6×16 SIMD micro-kernel. Products big enough to pay for a second thread are split in two
/// halves along the longer side of C, each half packing its own operands.
///
/// Shapes: op(A) is m×k, op(B) is k×n, C is m×n. `transposeA` means A is stored k×m
/// (so op(A) = Aᵀ); `transposeB` means B is stored n×k. Leading dimensions are row strides
/// of the stored matrices.
public enum GEMM {
    /// Depth of a packed block: a 16-column B sliver of kc rows (16 KiB) stays in L1.
    static let blockDepth = 256
    /// Rows of A packed per block: mc × kc floats (≈ 144 KiB) stay in the 1 MiB L2.
    static let blockRows = 144
    /// Columns of B packed per block (the L3-resident panel).
    static let blockColumns = 2048
    /// Below this many multiply-adds a second thread costs more than it saves.
    static let parallelThreshold = 1 << 19

    private static let threads = Atomic<Int>(2)

    /// Threads large products may use (default 2, the machine's cores). Values below 1 mean 1.
    public static var threadCount: Int {
        get { threads.load(ordering: .relaxed) }
        set { threads.store(max(1, newValue), ordering: .relaxed) }
    }

    /// C = alpha · op(A) · op(B) + beta · C over raw row-major buffers (for im2col callers).
    /// `beta == 0` ignores C's old contents (NaNs included).
    public static func multiply(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int, transposeA: Bool = false,
        b: UnsafePointer<Float>, ldb: Int, transposeB: Bool = false,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        alpha: Float = 1, beta: Float = 0
    ) {
        guard m > 0, n > 0 else { return }
        if k == 0 || alpha == 0 {
            scale(c, ldc: ldc, m: m, n: n, by: beta)
            return
        }
        let useThreads = threadCount > 1 && m * n * k >= parallelThreshold && max(m, n) >= 2 * microColumns
        if !useThreads {
            serial(m: m, n: n, k: k, a: a, lda: lda, transposeA: transposeA, b: b, ldb: ldb,
                   transposeB: transposeB, c: c, ldc: ldc, alpha: alpha, beta: beta)
            return
        }
        let parts = 2
        let shared = UncheckedSendable((a, b, c))
        if n >= m {
            let half = ((n + parts - 1) / parts + microColumns - 1) / microColumns * microColumns
            Parallel.forEach(parts) { part in
                let (a, b, c) = shared.value
                let start = part * half
                let width = min(half, n - start)
                guard width > 0 else { return }
                let bPart = transposeB ? b + start * ldb : b + start
                serial(m: m, n: width, k: k, a: a, lda: lda, transposeA: transposeA, b: bPart, ldb: ldb,
                       transposeB: transposeB, c: c + start, ldc: ldc, alpha: alpha, beta: beta)
            }
        } else {
            let half = ((m + parts - 1) / parts + microRows - 1) / microRows * microRows
            Parallel.forEach(parts) { part in
                let (a, b, c) = shared.value
                let start = part * half
                let height = min(half, m - start)
                guard height > 0 else { return }
                let aPart = transposeA ? a + start : a + start * lda
                serial(m: height, n: n, k: k, a: aPart, lda: lda, transposeA: transposeA, b: b, ldb: ldb,
                       transposeB: transposeB, c: c + start * ldc, ldc: ldc, alpha: alpha, beta: beta)
            }
        }
    }

    /// One thread's blocked product.
    static func serial(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int, transposeA: Bool,
        b: UnsafePointer<Float>, ldb: Int, transposeB: Bool,
        c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float
    ) {
        if beta != 0 && beta != 1 { scale(c, ldc: ldc, m: m, n: n, by: beta) }
        // Equal blocks rather than full blocks plus a sliver: k = 784 runs as 4 × 196, not
        // 3 × 256 + 16 (a 16-deep block would reload and store C for very little work).
        let kc = (k + (k + blockDepth - 1) / blockDepth - 1) / ((k + blockDepth - 1) / blockDepth)
        let mBlocks = (m + blockRows - 1) / blockRows
        let mc = roundUp((m + mBlocks - 1) / mBlocks, microRows)
        let nc = min(roundUp(n, microColumns), blockColumns)
        let packedA = mc * kc
        let packedB = nc * kc
        let scratchCount = microRows * microColumns
        WorkspacePool.with(count: packedA + packedB + scratchCount) { workspace in
            let aBuffer = workspace
            let bBuffer = workspace + packedA
            let scratch = workspace + packedA + packedB
            var jc = 0
            while jc < n {
                let columns = min(nc, n - jc)
                var pc = 0
                while pc < k {
                    let depth = min(kc, k - pc)
                    let overwrite = pc == 0 && beta == 0
                    packB(b, ldb: ldb, transposed: transposeB, depthStart: pc, depth: depth,
                          columnStart: jc, columns: columns, into: bBuffer)
                    var ic = 0
                    while ic < m {
                        let rows = min(mc, m - ic)
                        packA(a, lda: lda, transposed: transposeA, rowStart: ic, rows: rows,
                              depthStart: pc, depth: depth, into: aBuffer)
                        var jr = 0
                        while jr < columns {
                            let tileColumns = min(microColumns, columns - jr)
                            let bSliver = bBuffer + jr * depth
                            var ir = 0
                            while ir < rows {
                                microKernel(
                                    depth: depth, a: aBuffer + ir * depth, b: bSliver,
                                    c: c + (ic + ir) * ldc + jc + jr, ldc: ldc,
                                    rows: min(microRows, rows - ir), columns: tileColumns,
                                    alpha: alpha, overwrite: overwrite, scratch: scratch)
                                ir += microRows
                            }
                            jr += microColumns
                        }
                        ic += rows
                    }
                    pc += depth
                }
                jc += columns
            }
        }
    }

    /// C *= beta (beta == 0 writes zeros, clearing NaNs).
    static func scale(_ c: UnsafeMutablePointer<Float>, ldc: Int, m: Int, n: Int, by beta: Float) {
        guard beta != 1 else { return }
        for i in 0..<m {
            let row = c + i * ldc
            if beta == 0 {
                row.update(repeating: 0, count: n)
            } else {
                for j in 0..<n { row[j] *= beta }
            }
        }
    }

    @inline(__always)
    static func roundUp(_ value: Int, _ multiple: Int) -> Int {
        (value + multiple - 1) / multiple * multiple
    }
}

extension GEMM {
    /// op(A) · op(B) for rank-2 tensors; throws naming both shapes when they do not chain.
    public static func multiply(
        _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false
    ) throws -> Tensor {
        let (m, k, n) = try productShape(a, b, transposeA: transposeA, transposeB: transposeB)
        var c = Tensor(shape: [m, n])
        multiply(a, b, into: &c.storage, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, beta: 0)
        return c
    }

    /// C = op(A) · op(B) + beta · C into an existing [m, n] tensor (beta 1 accumulates, as
    /// gradients do). Throws when the shapes do not chain or C has the wrong shape.
    public static func multiply(
        _ a: Tensor, _ b: Tensor, into c: inout Tensor, transposeA: Bool = false, transposeB: Bool = false,
        alpha: Float = 1, beta: Float = 0
    ) throws {
        let (m, k, n) = try productShape(a, b, transposeA: transposeA, transposeB: transposeB)
        guard c.shape == [m, n] else {
            throw EngineError.shapeMismatch(
                context: "GEMM.multiply", detail: "result has shape \(c.shape), the product is [\(m), \(n)]")
        }
        multiply(a, b, into: &c.storage, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
                 alpha: alpha, beta: beta)
    }

    private static func multiply(
        _ a: Tensor, _ b: Tensor, into c: inout [Float], m: Int, n: Int, k: Int,
        transposeA: Bool, transposeB: Bool, alpha: Float = 1, beta: Float
    ) {
        a.storage.withUnsafeBufferPointer { ap in
            b.storage.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    guard let aBase = ap.baseAddress, let bBase = bp.baseAddress, let cBase = cp.baseAddress else {
                        return
                    }
                    multiply(m: m, n: n, k: k, a: aBase, lda: transposeA ? m : k, transposeA: transposeA,
                             b: bBase, ldb: transposeB ? k : n, transposeB: transposeB,
                             c: cBase, ldc: n, alpha: alpha, beta: beta)
                }
            }
        }
    }

    private static func productShape(
        _ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool
    ) throws -> (m: Int, k: Int, n: Int) {
        guard a.shape.count == 2, b.shape.count == 2 else {
            throw EngineError.shapeMismatch(
                context: "GEMM.multiply", detail: "operands must be rank 2, got \(a.shape) and \(b.shape)")
        }
        let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
        let (k2, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
        guard k == k2 else {
            throw EngineError.shapeMismatch(
                context: "GEMM.multiply",
                detail: "op(A) \(a.shape)\(transposeA ? "ᵀ" : "") has \(k) columns, op(B) \(b.shape)\(transposeB ? "ᵀ" : "") has \(k2) rows")
        }
        return (m, k, n)
    }
}
