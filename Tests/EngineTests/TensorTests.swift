import Foundation
import XCTest
@testable import Engine

final class TensorTests: XCTestCase {
    func testStorageCountMustMatchShape() {
        XCTAssertThrowsError(try Tensor(shape: [2, 3], storage: [1, 2, 3]))
        XCTAssertEqual(try Tensor(shape: [2, 3], storage: Array(repeating: 1, count: 6)).count, 6)
    }
}

final class TensorOperationTests: XCTestCase {
    func testCodableRoundTripAndDamage() throws {
        var rng = SeededRNG(seed: 5)
        let tensor = Tensor.normal(shape: [3, 4], rng: &rng)
        let data = try JSONEncoder().encode(tensor)
        XCTAssertEqual(try JSONDecoder().decode(Tensor.self, from: data), tensor)
        let bad = Data(#"{"shape":[3,5],"storage":[1,2]}"#.utf8)
        XCTAssertThrowsError(try JSONDecoder().decode(Tensor.self, from: bad)) { error in
            XCTAssertTrue("\(error)".contains("[3, 5]"), "\(error)")
        }
        let overflow = Data(#"{"shape":[9223372036854775807,4],"storage":[]}"#.utf8)
        XCTAssertThrowsError(try JSONDecoder().decode(Tensor.self, from: overflow))
    }

    func testElementwiseAndReductionsCoverSIMDTails() throws {
        let a = try Tensor(shape: [11], storage: (0..<11).map { Float($0) })
        let b = Tensor(shape: [11], repeating: 2)
        XCTAssertEqual((a + b).storage, (0..<11).map { Float($0) + 2 })
        XCTAssertEqual((a * b).storage, (0..<11).map { Float($0) * 2 })
        XCTAssertEqual((a - b).storage, (0..<11).map { Float($0) - 2 })
        var c = a
        c.addScaled(b, by: 0.5)
        XCTAssertEqual(c.storage, (0..<11).map { Float($0) + 1 })
        XCTAssertEqual(a.sum(), 55)
        XCTAssertEqual(a.sumOfSquares(), 385)
        XCTAssertEqual(a.max(), 10)
        XCTAssertEqual(a.min(), 0)
        XCTAssertTrue(a.isFinite)
        var d = a
        d.storage[10] = .nan
        XCTAssertFalse(d.isFinite, "NaN in the scalar tail")
        d = a
        d.storage[3] = -.infinity
        XCTAssertFalse(d.isFinite, "∞ in a SIMD chunk")
        let m = try Tensor(rows: [[1, 5, 2], [7, 0, 3]])
        XCTAssertEqual(m.sumRows().storage, [8, 5, 5])
        XCTAssertEqual(m.argmaxRows(), [1, 0])
        XCTAssertEqual(m[1, 0], 7)
    }

    func testGatherRowsNamesBadIndex() throws {
        let m = try Tensor(rows: [[1, 2], [3, 4], [5, 6]])
        XCTAssertEqual(try m.gatherRows([2, 0]).storage, [5, 6, 1, 2])
        XCTAssertThrowsError(try m.gatherRows([1, 3])) { error in
            XCTAssertTrue("\(error)".contains("row index 3"), "\(error)")
        }
    }

    func testInitializersHaveTheirScale() throws {
        var rng = SeededRNG(seed: 3)
        let he = Initializer.heNormal.make(shape: [400, 300], rng: &rng)
        let std = (he.sumOfSquares() / Float(he.count)).squareRoot()
        XCTAssertEqual(std, (2.0 / 400).squareRoot(), accuracy: 0.002)
        let glorot = Initializer.glorotUniform.make(shape: [400, 300], rng: &rng)
        let limit = (6.0 / 700).squareRoot()
        XCTAssertLessThanOrEqual(glorot.max(), Float(limit))
        XCTAssertGreaterThan(glorot.max(), Float(limit) * 0.99)
        XCTAssertThrowsError(try Initializer.uniform(low: 1, high: 1).validate(context: "dense1")) { error in
            XCTAssertTrue("\(error)".contains("dense1"), "\(error)")
        }
    }
}
