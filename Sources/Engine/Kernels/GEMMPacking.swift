// Packing copies a block of op(A) or op(B) into the order the micro-kernel reads, zero-padded
// to whole micro-tiles, so the kernel streams both operands with unit stride whatever the
// source layout or transposition.

extension GEMM {
    /// Packs op(A)[rowStart..<rowStart+rows, depthStart..<depthStart+depth] into slivers of
    /// 6 rows: `destination[sliver][k][r]`.
    static func packA(
        _ a: UnsafePointer<Float>, lda: Int, transposed: Bool,
        rowStart: Int, rows: Int, depthStart: Int, depth: Int,
        into destination: UnsafeMutablePointer<Float>
    ) {
        let mr = microRows
        var out = destination
        var sliver = 0
        while sliver < rows {
            let valid = min(mr, rows - sliver)
            let row0 = rowStart + sliver
            if transposed {
                // op(A)[i][p] = A[p][i]: each k reads `valid` consecutive floats.
                for p in 0..<depth {
                    let source = a + (depthStart + p) * lda + row0
                    for r in 0..<valid { out[r] = source[r] }
                    for r in valid..<mr { out[r] = 0 }
                    out += mr
                }
            } else {
                for r in 0..<valid {
                    let source = a + (row0 + r) * lda + depthStart
                    for p in 0..<depth { out[p * mr + r] = source[p] }
                }
                for r in valid..<mr {
                    for p in 0..<depth { out[p * mr + r] = 0 }
                }
                out += depth * mr
            }
            sliver += mr
        }
    }

    /// Packs op(B)[depthStart..<depthStart+depth, columnStart..<columnStart+columns] into
    /// slivers of 16 columns: `destination[sliver][k][c]`.
    static func packB(
        _ b: UnsafePointer<Float>, ldb: Int, transposed: Bool,
        depthStart: Int, depth: Int, columnStart: Int, columns: Int,
        into destination: UnsafeMutablePointer<Float>
    ) {
        let nr = microColumns
        var out = destination
        var sliver = 0
        while sliver < columns {
            let valid = min(nr, columns - sliver)
            let column0 = columnStart + sliver
            if transposed {
                // op(B)[p][j] = B[j][p]: walk each source row (one output column) contiguously.
                for c in 0..<valid {
                    let source = b + (column0 + c) * ldb + depthStart
                    for p in 0..<depth { out[p * nr + c] = source[p] }
                }
                if valid < nr {
                    for p in 0..<depth {
                        for c in valid..<nr { out[p * nr + c] = 0 }
                    }
                }
            } else if valid == nr {
                for p in 0..<depth {
                    let source = UnsafeRawPointer(b + (depthStart + p) * ldb + column0)
                    let target = UnsafeMutableRawPointer(out + p * nr)
                    target.storeBytes(of: source.loadUnaligned(as: SIMD16<Float>.self), as: SIMD16<Float>.self)
                }
            } else {
                for p in 0..<depth {
                    let source = b + (depthStart + p) * ldb + column0
                    let target = out + p * nr
                    for c in 0..<valid { target[c] = source[c] }
                    for c in valid..<nr { target[c] = 0 }
                }
            }
            out += depth * nr
            sliver += nr
        }
    }
}
