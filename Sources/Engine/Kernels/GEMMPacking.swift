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
            if transposed && valid == mr {
                // op(A)[i][p] = A[p][i]: each k copies six consecutive floats (4 + 2 wide).
                var source = UnsafeRawPointer(a + depthStart * lda + row0)
                let step = lda * MemoryLayout<Float>.stride
                for _ in 0..<depth {
                    let target = UnsafeMutableRawPointer(out)
                    target.storeBytes(of: source.loadUnaligned(as: SIMD4<Float>.self), as: SIMD4<Float>.self)
                    target.storeBytes(of: source.loadUnaligned(fromByteOffset: 16, as: SIMD2<Float>.self),
                                      toByteOffset: 16, as: SIMD2<Float>.self)
                    source += step
                    out += mr
                }
            } else if transposed {
                // op(A)[i][p] = A[p][i]: each k reads `valid` consecutive floats.
                for p in 0..<depth {
                    let source = a + (depthStart + p) * lda + row0
                    for r in 0..<valid { out[r] = source[r] }
                    for r in valid..<mr { out[r] = 0 }
                    out += mr
                }
            } else if valid == mr {
                // Six row streams read in step; the packed sliver is written sequentially.
                let r0 = a + row0 * lda + depthStart
                let r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda, r4 = r3 + lda, r5 = r4 + lda
                // Eight k at a time: six 8-wide row loads transposed in registers.
                var p = 0
                while p + 8 <= depth {
                    transpose6x8(r0 + p, r1 + p, r2 + p, r3 + p, r4 + p, r5 + p, to: out)
                    out += 8 * mr
                    p += 8
                }
                while p < depth {
                    out[0] = r0[p]; out[1] = r1[p]; out[2] = r2[p]
                    out[3] = r3[p]; out[4] = r4[p]; out[5] = r5[p]
                    out += mr
                    p += 1
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
            if transposed && valid == nr {
                // op(B)[p][j] = B[j][p]: 8×8 blocks are loaded as rows and transposed in registers.
                for half in 0..<2 {
                    let c0 = half * 8
                    let rows = b + (column0 + c0) * ldb + depthStart
                    var p = 0
                    while p + 8 <= depth {
                        transpose8x8(from: rows + p, stride: ldb, to: out + p * nr + c0, stride: nr)
                        p += 8
                    }
                    while p < depth {
                        for c in 0..<8 { out[p * nr + c0 + c] = rows[c * ldb + p] }
                        p += 1
                    }
                }
            } else if transposed {
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

extension GEMM {
    /// Writes the 8×6 transpose of six 8-float row segments to `destination` (48 floats, six
    /// per column): destination[j·6 + r] = row_r[j]. The same three unshuffles as
    /// `transpose8x8`, with two zero rows.
    @inline(__always)
    static func transpose6x8(
        _ s0: UnsafePointer<Float>, _ s1: UnsafePointer<Float>, _ s2: UnsafePointer<Float>,
        _ s3: UnsafePointer<Float>, _ s4: UnsafePointer<Float>, _ s5: UnsafePointer<Float>,
        to destination: UnsafeMutablePointer<Float>
    ) {
        typealias V = SIMD8<Float>
        @inline(__always) func load(_ s: UnsafePointer<Float>) -> V { UnsafeRawPointer(s).loadUnaligned(as: V.self) }
        var v0 = load(s0), v1 = load(s1), v2 = load(s2), v3 = load(s3)
        var v4 = load(s4), v5 = load(s5), v6 = V(), v7 = V()
        for _ in 0..<3 {
            let p0 = SIMD16(lowHalf: v0, highHalf: v1), p1 = SIMD16(lowHalf: v2, highHalf: v3)
            let p2 = SIMD16(lowHalf: v4, highHalf: v5), p3 = SIMD16(lowHalf: v6, highHalf: v7)
            v0 = p0.evenHalf; v1 = p1.evenHalf; v2 = p2.evenHalf; v3 = p3.evenHalf
            v4 = p0.oddHalf; v5 = p1.oddHalf; v6 = p2.oddHalf; v7 = p3.oddHalf
        }
        // Columns 0–6 store all eight lanes (the two zero lanes are overwritten by the next
        // column); column 7 stores exactly six so nothing past the 48 floats is touched.
        let raw = UnsafeMutableRawPointer(destination)
        raw.storeBytes(of: v0, toByteOffset: 0, as: V.self)
        raw.storeBytes(of: v1, toByteOffset: 24, as: V.self)
        raw.storeBytes(of: v2, toByteOffset: 48, as: V.self)
        raw.storeBytes(of: v3, toByteOffset: 72, as: V.self)
        raw.storeBytes(of: v4, toByteOffset: 96, as: V.self)
        raw.storeBytes(of: v5, toByteOffset: 120, as: V.self)
        raw.storeBytes(of: v6, toByteOffset: 144, as: V.self)
        raw.storeBytes(of: v7.lowHalf, toByteOffset: 168, as: SIMD4<Float>.self)
        raw.storeBytes(of: SIMD2(v7[4], v7[5]), toByteOffset: 184, as: SIMD2<Float>.self)
    }

    /// Writes the transpose of the 8×8 block at `source` (row stride `sourceStride`) to
    /// `destination`. Three perfect unshuffles of the 64 elements rotate the index bits
    /// (row, column) by three, which is the transpose: 24 shuffles instead of 64 scalar moves.
    @inline(__always)
    static func transpose8x8(
        from source: UnsafePointer<Float>, stride sourceStride: Int,
        to destination: UnsafeMutablePointer<Float>, stride destinationStride: Int
    ) {
        typealias V = SIMD8<Float>
        @inline(__always) func load(_ r: Int) -> V { UnsafeRawPointer(source + r * sourceStride).loadUnaligned(as: V.self) }
        var v0 = load(0), v1 = load(1), v2 = load(2), v3 = load(3)
        var v4 = load(4), v5 = load(5), v6 = load(6), v7 = load(7)
        for _ in 0..<3 {
            let p0 = SIMD16(lowHalf: v0, highHalf: v1), p1 = SIMD16(lowHalf: v2, highHalf: v3)
            let p2 = SIMD16(lowHalf: v4, highHalf: v5), p3 = SIMD16(lowHalf: v6, highHalf: v7)
            v0 = p0.evenHalf; v1 = p1.evenHalf; v2 = p2.evenHalf; v3 = p3.evenHalf
            v4 = p0.oddHalf; v5 = p1.oddHalf; v6 = p2.oddHalf; v7 = p3.oddHalf
        }
        @inline(__always) func store(_ v: V, _ r: Int) {
            UnsafeMutableRawPointer(destination + r * destinationStride).storeBytes(of: v, as: V.self)
        }
        store(v0, 0); store(v1, 1); store(v2, 2); store(v3, 3)
        store(v4, 4); store(v5, 5); store(v6, 6); store(v7, 7)
    }
}
