import XCTest
@testable import Engine

final class PoolingTests: XCTestCase {
    /// Distinct values spaced well apart, so a ±h nudge never changes which input is the max.
    private func untiedInput(_ shape: [Int], seed: UInt64) -> Tensor {
        var rng = SeededRNG(seed: seed)
        var values = (0..<shape.reduce(1, *)).map { Float($0) * 0.1 }
        values.shuffle(using: &rng)
        return try! Tensor(shape: shape, storage: values)
    }

    func testMaxPoolKnownAnswer() throws {
        let pool = try MaxPool2D(name: "pool", kernel: 2)
        let x = try Tensor(shape: [1, 1, 2, 4], storage: [1, 5, 2, 0, 3, -1, 7, 4])
        let y = try pool.forward(x, training: true)
        XCTAssertEqual(y.shape, [1, 1, 1, 2])
        XCTAssertEqual(y.storage, [5, 7])
        let dx = try pool.backward(try Tensor(shape: [1, 1, 1, 2], storage: [10, 20]))
        XCTAssertEqual(dx.storage, [0, 10, 0, 0, 0, 0, 20, 0])
    }

    func testMaxPoolGradients() throws {
        try CNNGradientCheck.check(try MaxPool2D(name: "pool", kernel: 2), input: untiedInput([2, 3, 6, 4], seed: 1))
        try CNNGradientCheck.check(
            try MaxPool2D(name: "pool", kernel: 3, stride: 2), input: untiedInput([2, 2, 7, 5], seed: 2))
    }

    func testMaxPoolVectorizedRowsMatchTheDefinition() throws {
        // Widths ≥ 8 take the vectorized 2×2 paths: 14 → 7 outputs (groups of 4, overlapping),
        // 19 → 9 (groups of 8, overlapping), 17 → 8 (one group of 8).
        for width in [14, 19, 17, 9] {
            let pool = try MaxPool2D(name: "pool", kernel: 2)
            let x = untiedInput([2, 3, 6, width], seed: UInt64(width))
            let y = try pool.forward(x, training: true)
            let outW = width / 2
            XCTAssertEqual(y.shape, [2, 3, 3, outW])
            for plane in 0..<6 {
                for oy in 0..<3 {
                    for ox in 0..<outW {
                        let corner = plane * 6 * width + 2 * oy * width + 2 * ox
                        let window = [0, 1, width, width + 1].map { x.storage[corner + $0] }
                        XCTAssertEqual(y.storage[(plane * 3 + oy) * outW + ox], window.max()!, "width \(width) plane \(plane) (\(oy), \(ox))")
                    }
                }
            }
            try CNNGradientCheck.check(pool, input: x)
        }
    }

    func testAvgPoolKnownAnswerAndGradients() throws {
        let pool = try AvgPool2D(name: "avg", kernel: 2)
        let x = try Tensor(shape: [1, 1, 2, 4], storage: [1, 5, 2, 0, 3, -1, 7, 4])
        XCTAssertEqual(try pool.forward(x, training: false).storage, [2, 3.25])
        try CNNGradientCheck.check(pool, input: CNNGradientCheck.randomTensor([2, 3, 4, 6], seed: 3))
        try CNNGradientCheck.check(
            try AvgPool2D(name: "avg", kernel: 3, stride: 2), input: CNNGradientCheck.randomTensor([1, 2, 7, 5], seed: 4))
    }

    func testGlobalAveragePoolKnownAnswerAndGradients() throws {
        let pool = GlobalAveragePool(name: "gap")
        let x = try Tensor(shape: [1, 2, 1, 3], storage: [1, 2, 3, 4, 6, 8])
        let y = try pool.forward(x, training: false)
        XCTAssertEqual(y.shape, [1, 2])
        XCTAssertEqual(y.storage, [2, 6])
        try CNNGradientCheck.check(pool, input: CNNGradientCheck.randomTensor([3, 4, 3, 5], seed: 5))
    }

    func testShapeErrorsNameTheLayer() throws {
        XCTAssertThrowsError(try MaxPool2D(name: "p", kernel: 0))
        XCTAssertThrowsError(try AvgPool2D(name: "p", kernel: 2, stride: 0))
        let pool = try MaxPool2D(name: "pool3", kernel: 3)
        XCTAssertThrowsError(try pool.forward(Tensor(shape: [1, 1, 2, 5]), training: true)) { error in
            XCTAssertTrue("\(error)".contains("pool3"), "\(error)")
        }
        XCTAssertThrowsError(try pool.forward(Tensor(shape: [1, 9]), training: true))
        XCTAssertThrowsError(try GlobalAveragePool(name: "gap").forward(Tensor(shape: [2, 3]), training: true))
        _ = try pool.forward(Tensor(shape: [1, 1, 6, 6]), training: true)
        XCTAssertThrowsError(try pool.backward(Tensor(shape: [1, 1, 3, 3])))
    }
}
