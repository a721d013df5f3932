/// Writes the `columns × rows` transpose of a row-major `rows × columns` matrix: whole 8×8
/// tiles through registers (`GEMM.transpose8x8`), the ragged right and bottom edges by
/// element. (Element by element throughout, it cost a quarter of the weight gradient.)
func transpose(_ source: UnsafePointer<Float>, rows: Int, columns: Int, into target: UnsafeMutablePointer<Float>) {
    let fullRows = rows - rows % 8, fullColumns = columns - columns % 8
    var r0 = 0
    while r0 < fullRows {
        var c0 = 0
        while c0 < fullColumns {
            GEMM.transpose8x8(from: source + r0 * columns + c0, stride: columns, to: target + c0 * rows + r0, stride: rows)
            c0 += 8
        }
        for r in r0..<(r0 + 8) {
            for c in fullColumns..<columns { target[c * rows + r] = source[r * columns + c] }
        }
        r0 += 8
    }
    for r in fullRows..<rows {
        for c in 0..<columns { target[c * rows + r] = source[r * columns + c] }
    }
}

/// The transpose of a row-major `rows × columns` array.
func transposed(_ source: [Float], rows: Int, columns: Int) -> [Float] {
    var result = [Float](repeating: 0, count: rows * columns)
    source.withUnsafeBufferPointer { s in
        result.withUnsafeMutableBufferPointer { t in
            transpose(s.baseAddress!, rows: rows, columns: columns, into: t.baseAddress!)
        }
    }
    return result
}
