/// The matrix product the convolution layers run on: `C = A·B` or `C += A·B`, all row-major
/// with explicit row strides. Register-blocked (6 rows × one SIMD vector of columns held in
/// accumulators across the whole `k` loop) and unpacked: the convolution's operands are
/// small enough (K ≤ a few hundred) that a strip of B stays in L1 while the rows of A sweep
/// over it, so packing would only add a copy. See DECISIONS.md for the measurements.
enum PanelMatmul {
    /// `C[m×n] (+)= A[m×k] · B[k×n]`.
    static func multiply(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        accumulate: Bool
    ) {
        guard m > 0, n > 0 else { return }
        if k == 0 {
            if !accumulate { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
            return
        }
        var j = 0
        while j + 16 <= n {
            strip(SIMD16<Float>.self, j, m, k, a, lda, b, ldb, c, ldc, accumulate)
            j += 16
        }
        if j + 8 <= n {
            strip(SIMD8<Float>.self, j, m, k, a, lda, b, ldb, c, ldc, accumulate)
            j += 8
        }
        if j + 4 <= n {
            strip(SIMD4<Float>.self, j, m, k, a, lda, b, ldb, c, ldc, accumulate)
            j += 4
        }
        while j < n {
            for i in 0..<m {
                var sum: Float = accumulate ? c[i * ldc + j] : 0
                for p in 0..<k { sum += a[i * lda + p] * b[p * ldb + j] }
                c[i * ldc + j] = sum
            }
            j += 1
        }
    }

    /// Columns `[j, j + V.scalarCount)` of C for every row, four rows at a time.
    @inline(__always)
    private static func strip<V: SIMD>(
        _: V.Type, _ j: Int, _ m: Int, _ k: Int,
        _ a: UnsafePointer<Float>, _ lda: Int,
        _ b: UnsafePointer<Float>, _ ldb: Int,
        _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ accumulate: Bool
    ) where V.Scalar == Float {
        let bColumn = UnsafeRawPointer(b + j)
        let rowBytes = ldb * MemoryLayout<Float>.stride
        var i = 0
        while i + 6 <= m, m - i != 8, m - i != 9 {
            let a0 = a + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda
            let c0 = UnsafeMutableRawPointer(c + i * ldc + j)
            let c1 = c0 + ldc * 4, c2 = c1 + ldc * 4, c3 = c2 + ldc * 4, c4 = c3 + ldc * 4, c5 = c4 + ldc * 4
            var s0 = accumulate ? c0.loadUnaligned(as: V.self) : V()
            var s1 = accumulate ? c1.loadUnaligned(as: V.self) : V()
            var s2 = accumulate ? c2.loadUnaligned(as: V.self) : V()
            var s3 = accumulate ? c3.loadUnaligned(as: V.self) : V()
            var s4 = accumulate ? c4.loadUnaligned(as: V.self) : V()
            var s5 = accumulate ? c5.loadUnaligned(as: V.self) : V()
            var bRow = bColumn
            for p in 0..<k {
                let bv = bRow.loadUnaligned(as: V.self)
                s0 = s0.addingProduct(V(repeating: a0[p]), bv)
                s1 = s1.addingProduct(V(repeating: a1[p]), bv)
                s2 = s2.addingProduct(V(repeating: a2[p]), bv)
                s3 = s3.addingProduct(V(repeating: a3[p]), bv)
                s4 = s4.addingProduct(V(repeating: a4[p]), bv)
                s5 = s5.addingProduct(V(repeating: a5[p]), bv)
                bRow += rowBytes
            }
            c0.storeBytes(of: s0, as: V.self)
            c1.storeBytes(of: s1, as: V.self)
            c2.storeBytes(of: s2, as: V.self)
            c3.storeBytes(of: s3, as: V.self)
            c4.storeBytes(of: s4, as: V.self)
            c5.storeBytes(of: s5, as: V.self)
            i += 6
        }
        while i + 4 <= m {
            let a0 = a + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda
            let c0 = UnsafeMutableRawPointer(c + i * ldc + j)
            let c1 = c0 + ldc * 4, c2 = c1 + ldc * 4, c3 = c2 + ldc * 4
            var s0 = accumulate ? c0.loadUnaligned(as: V.self) : V()
            var s1 = accumulate ? c1.loadUnaligned(as: V.self) : V()
            var s2 = accumulate ? c2.loadUnaligned(as: V.self) : V()
            var s3 = accumulate ? c3.loadUnaligned(as: V.self) : V()
            var bRow = bColumn
            for p in 0..<k {
                let bv = bRow.loadUnaligned(as: V.self)
                s0 = s0.addingProduct(V(repeating: a0[p]), bv)
                s1 = s1.addingProduct(V(repeating: a1[p]), bv)
                s2 = s2.addingProduct(V(repeating: a2[p]), bv)
                s3 = s3.addingProduct(V(repeating: a3[p]), bv)
                bRow += rowBytes
            }
            c0.storeBytes(of: s0, as: V.self)
            c1.storeBytes(of: s1, as: V.self)
            c2.storeBytes(of: s2, as: V.self)
            c3.storeBytes(of: s3, as: V.self)
            i += 4
        }
        while i < m {
            let a0 = a + i * lda
            let c0 = UnsafeMutableRawPointer(c + i * ldc + j)
            var s0 = accumulate ? c0.loadUnaligned(as: V.self) : V()
            var bRow = bColumn
            for p in 0..<k {
                s0 = s0.addingProduct(V(repeating: a0[p]), bRow.loadUnaligned(as: V.self))
                bRow += rowBytes
            }
            c0.storeBytes(of: s0, as: V.self)
            i += 1
        }
    }
}
