// Shapes: the micro-kernel multiplies a packed MR×kc sliver of A (column by column: MR
// values per k) by a packed kc×NR sliver of B (row by row: NR values per k) into an MR×NR
// tile of C. MR = 6, NR = 16: twelve 8-wide accumulators + two B vectors + one broadcast
// fill 15 of AVX2's 16 ymm registers (the classic Haswell/Zen shape).

extension GEMM {
    /// Rows of C per micro-tile.
    static let microRows = 6
    /// Columns of C per micro-tile.
    static let microColumns = 16

    /// C[0..<rows, 0..<columns] (row stride `ldc`) = (overwrite ? 0 : C) + alpha · Apanel·Bpanel.
    /// Edge tiles (rows < 6 or columns < 16) compute the full tile into `scratch` and copy the
    /// valid part, so the hot loop never branches on shape.
    @inline(__always)
    static func microKernel(
        depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int,
        alpha: Float, overwrite: Bool, scratch: UnsafeMutablePointer<Float>
    ) {
        typealias V = SIMD8<Float>
        var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
        var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
        var ap = a
        var bp = UnsafeRawPointer(b)
        for _ in 0..<depth {
            let b0 = bp.loadUnaligned(as: V.self)
            let b1 = bp.loadUnaligned(fromByteOffset: 32, as: V.self)
            var av = V(repeating: ap[0])
            c00 = c00.addingProduct(av, b0); c01 = c01.addingProduct(av, b1)
            av = V(repeating: ap[1])
            c10 = c10.addingProduct(av, b0); c11 = c11.addingProduct(av, b1)
            av = V(repeating: ap[2])
            c20 = c20.addingProduct(av, b0); c21 = c21.addingProduct(av, b1)
            av = V(repeating: ap[3])
            c30 = c30.addingProduct(av, b0); c31 = c31.addingProduct(av, b1)
            av = V(repeating: ap[4])
            c40 = c40.addingProduct(av, b0); c41 = c41.addingProduct(av, b1)
            av = V(repeating: ap[5])
            c50 = c50.addingProduct(av, b0); c51 = c51.addingProduct(av, b1)
            ap += 6
            bp += 64
        }
        let full = rows == microRows && columns == microColumns
        let target = full ? c : scratch
        let stride = full ? ldc : microColumns
        let fresh = overwrite || !full
        let scale = V(repeating: alpha)
        @inline(__always) func put(_ row: Int, _ lo: V, _ hi: V) {
            let raw = UnsafeMutableRawPointer(target + row * stride)
            if fresh {
                raw.storeBytes(of: lo * scale, as: V.self)
                raw.storeBytes(of: hi * scale, toByteOffset: 32, as: V.self)
            } else {
                let oldLo = UnsafeRawPointer(raw).loadUnaligned(as: V.self)
                let oldHi = UnsafeRawPointer(raw).loadUnaligned(fromByteOffset: 32, as: V.self)
                raw.storeBytes(of: oldLo.addingProduct(lo, scale), as: V.self)
                raw.storeBytes(of: oldHi.addingProduct(hi, scale), toByteOffset: 32, as: V.self)
            }
        }
        put(0, c00, c01); put(1, c10, c11); put(2, c20, c21)
        put(3, c30, c31); put(4, c40, c41); put(5, c50, c51)
        if !full {
            for i in 0..<rows {
                let source = scratch + i * microColumns
                let destination = c + i * ldc
                if overwrite {
                    for j in 0..<columns { destination[j] = source[j] }
                } else {
                    for j in 0..<columns { destination[j] += source[j] }
                }
            }
        }
    }
}
