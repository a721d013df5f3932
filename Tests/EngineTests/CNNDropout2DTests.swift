import XCTest
@testable import Engine

final class CNNDropout2DTests: XCTestCase {
    func testDropsWholeMapsAndScalesSurvivors() throws {
        let layer = try Dropout2D(name: "drop", rate: 0.5, seed: 42)
        let x = Tensor(shape: [8, 16, 3, 3], repeating: 1)
        let y = try layer.forward(x, training: true)
        var dropped = 0
        for map in 0..<(8 * 16) {
            let values = Set(y.storage[(map * 9)..<((map + 1) * 9)])
            XCTAssertEqual(values.count, 1, "map \(map) partly dropped")
            XCTAssertTrue(values == [0] || values == [2], "map \(map): \(values)")
            if values == [0] { dropped += 1 }
        }
        XCTAssertGreaterThan(dropped, 40)
        XCTAssertLessThan(dropped, 88)
        let dy = CNNGradientCheck.randomTensor(x.shape, seed: 1)
        let dx = try layer.backward(dy)
        for index in x.storage.indices { XCTAssertEqual(dx.storage[index], dy.storage[index] * y.storage[index]) }
    }

    func testIdentityAtInferenceAndRateIsMutable() throws {
        let layer = try Dropout2D(name: "drop", rate: 0.3, seed: 1)
        let x = CNNGradientCheck.randomTensor([2, 3, 2, 2], seed: 2)
        XCTAssertEqual(try layer.forward(x, training: false), x)
        layer.rate = 0
        XCTAssertEqual(try layer.forward(x, training: true), x)
        layer.rate = 1
        XCTAssertThrowsError(try layer.forward(x, training: true)) { error in
            XCTAssertTrue("\(error)".contains("drop"), "\(error)")
        }
        XCTAssertThrowsError(try Dropout2D(name: "d", rate: -0.1, seed: 1))
    }

    func testSameSeedSameMasks() throws {
        let x = Tensor(shape: [4, 8, 2, 2], repeating: 1)
        let a = try Dropout2D(name: "d", rate: 0.4, seed: 9).forward(x, training: true)
        let b = try Dropout2D(name: "d", rate: 0.4, seed: 9).forward(x, training: true)
        XCTAssertEqual(a, b)
    }
}
