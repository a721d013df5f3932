import XCTest
@testable import Engine

final class GEMMTests: XCTestCase {
    /// Naive triple loop in Double over the stored (possibly transposed) operands.
    func naive(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) -> [Double] {
        let m = transposeA ? a.shape[1] : a.shape[0]
        let k = transposeA ? a.shape[0] : a.shape[1]
        let n = transposeB ? b.shape[0] : b.shape[1]
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var total = 0.0
                for p in 0..<k {
                    let x = transposeA ? a.storage[p * m + i] : a.storage[i * k + p]
                    let y = transposeB ? b.storage[j * k + p] : b.storage[p * n + j]
                    total += Double(x) * Double(y)
                }
                c[i * n + j] = total
            }
        }
        return c
    }

    func check(m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false, threads: Int = 1,
               file: StaticString = #filePath, line: UInt = #line) throws {
        var rng = SeededRNG(seed: UInt64(m * 1000 + n * 10 + k))
        let a = Tensor.uniform(shape: transposeA ? [k, m] : [m, k], low: -1, high: 1, rng: &rng)
        let b = Tensor.uniform(shape: transposeB ? [n, k] : [k, n], low: -1, high: 1, rng: &rng)
        let saved = GEMM.threadCount
        GEMM.threadCount = threads
        defer { GEMM.threadCount = saved }
        let c = try GEMM.multiply(a, b, transposeA: transposeA, transposeB: transposeB)
        let expected = naive(a, b, transposeA: transposeA, transposeB: transposeB)
        XCTAssertEqual(c.shape, [m, n], file: file, line: line)
        let worst = zip(c.storage, expected).map { abs(Double($0) - $1) }.max() ?? 0
        XCTAssertLessThan(worst, 1e-5 * Double(k) + 1e-6,
                          "\(m)×\(k)·\(k)×\(n) tA \(transposeA) tB \(transposeB) threads \(threads): max error \(worst)",
                          file: file, line: line)
    }

    func testOddShapes() throws {
        for (m, n, k) in [(1, 1, 1), (7, 5, 13), (129, 63, 257), (6, 16, 256), (13, 33, 600), (300, 17, 3)] {
            for tA in [false, true] {
                for tB in [false, true] {
                    try check(m: m, n: n, k: k, transposeA: tA, transposeB: tB)
                }
            }
        }
    }

    func testTwoThreadsSplitRowsAndColumns() throws {
        try check(m: 129, n: 257, k: 63, threads: 2)
        try check(m: 257, n: 129, k: 63, transposeA: true, transposeB: true, threads: 2)
        try check(m: 150, n: 2100, k: 70, threads: 2)
    }

    func testAlphaBetaAccumulate() throws {
        let a = try Tensor(rows: [[1, 2], [3, 4]])
        let b = try Tensor(rows: [[1, 0], [0, 1]])
        var c = try Tensor(rows: [[10, 10], [10, .nan]])
        try GEMM.multiply(a, b, into: &c, alpha: 2, beta: 0)
        XCTAssertEqual(c.storage, [2, 4, 6, 8], "beta 0 ignores old contents, NaN included")
        try GEMM.multiply(a, b, into: &c, beta: 1)
        XCTAssertEqual(c.storage, [3, 6, 9, 12])
        try GEMM.multiply(a, b, into: &c, beta: 0.5)
        XCTAssertEqual(c.storage, [2.5, 5, 7.5, 10])
    }

    func testShapeErrorsNameShapes() {
        XCTAssertThrowsError(try GEMM.multiply(Tensor(shape: [2, 3]), Tensor(shape: [4, 2]))) { error in
            XCTAssertTrue("\(error)".contains("[2, 3]") && "\(error)".contains("[4, 2]"), "\(error)")
        }
    }
}
