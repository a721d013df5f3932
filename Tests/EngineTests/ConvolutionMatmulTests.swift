import XCTest
@testable import Engine

/// The unpacked product and the transpose the convolution layers run on, against references,
/// on shapes that hit every register tile and every edge.
final class ConvolutionMatmulTests: XCTestCase {
    private let shapes: [(m: Int, n: Int, k: Int)] = [
        (1, 1, 1), (4, 3, 8), (7, 13, 5), (5, 4, 9), (16, 9, 784), (32, 144, 196), (9, 17, 203), (13, 31, 3),
    ]

    func testPanelMatmulMatchesNaiveAB() {
        for (m, n, k) in shapes {
            for accumulate in [false, true] {
                var rng = SeededRNG(seed: UInt64(m * 10_000 + n * 100 + k + 7))
                let a = Tensor.uniform(shape: [m, k], low: -1, high: 1, rng: &rng).storage
                let b = Tensor.uniform(shape: [k, n], low: -1, high: 1, rng: &rng).storage
                var c = Tensor.uniform(shape: [m, n], low: -1, high: 1, rng: &rng).storage
                var expected = accumulate ? c.map(Double.init) : [Double](repeating: 0, count: m * n)
                for i in 0..<m {
                    for j in 0..<n {
                        for p in 0..<k { expected[i * n + j] += Double(a[i * k + p]) * Double(b[p * n + j]) }
                    }
                }
                c.withUnsafeMutableBufferPointer { cp in
                    PanelMatmul.multiply(
                        m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c: cp.baseAddress!, ldc: n,
                        accumulate: accumulate)
                }
                assertClose(c, expected, k: k, "A·B \(m)×\(n)×\(k) accumulate \(accumulate)")
            }
        }
    }

    /// Conv2D writes dcol into rows wider than the product (`ldc > n`): the gap stays untouched.
    func testPanelMatmulWritesOnlyItsColumnsOfAWiderC() {
        let (m, n, k, ldc) = (13, 21, 7, 30)
        var rng = SeededRNG(seed: 11)
        let a = Tensor.uniform(shape: [m, k], low: -1, high: 1, rng: &rng).storage
        let b = Tensor.uniform(shape: [k, n], low: -1, high: 1, rng: &rng).storage
        var c = [Float](repeating: -7, count: m * ldc)
        c.withUnsafeMutableBufferPointer { cp in
            PanelMatmul.multiply(m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c: cp.baseAddress!, ldc: ldc, accumulate: false)
        }
        for i in 0..<m {
            for j in 0..<n {
                var expected = 0.0
                for p in 0..<k { expected += Double(a[i * k + p]) * Double(b[p * n + j]) }
                XCTAssertEqual(Double(c[i * ldc + j]), expected, accuracy: 1e-4)
            }
            XCTAssertEqual(Array(c[(i * ldc + n)..<((i + 1) * ldc)]), [Float](repeating: -7, count: ldc - n), "row \(i) gap")
        }
    }

    func testTransposeOnWholeTilesAndRaggedEdges() {
        for (rows, columns) in [(1, 1), (8, 8), (16, 196), (13, 21), (32, 7), (3, 40)] {
            let source = (0..<(rows * columns)).map(Float.init)
            var target = [Float](repeating: -1, count: rows * columns)
            target.withUnsafeMutableBufferPointer { t in
                transpose(source, rows: rows, columns: columns, into: t.baseAddress!)
            }
            for r in 0..<rows {
                for c in 0..<columns where target[c * rows + r] != source[r * columns + c] {
                    XCTFail("\(rows)×\(columns): [\(c), \(r)] is \(target[c * rows + r]), expected \(source[r * columns + c])")
                    return
                }
            }
        }
    }

    private func assertClose(
        _ actual: [Float], _ expected: [Double], k: Int, _ label: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(actual.count, expected.count, label, file: file, line: line)
        let worst = zip(actual, expected).map { abs(Double($0) - $1) }.max() ?? 0
        XCTAssertLessThan(worst, 1e-5 * Double(k) + 1e-5, "\(label): max error \(worst)", file: file, line: line)
    }
}
