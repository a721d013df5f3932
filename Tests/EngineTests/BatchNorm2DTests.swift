import XCTest
@testable import Engine

final class BatchNorm2DTests: XCTestCase {
    func testGradientsOfInputGammaAndBeta() throws {
        let layer = try BatchNorm2D(name: "bn", channels: 3)
        layer.gamma.value = CNNGradientCheck.randomTensor([3], seed: 1)
        layer.beta.value = CNNGradientCheck.randomTensor([3], seed: 2)
        // BN is not linear: a smaller step, and the tolerance of Float forward passes.
        try CNNGradientCheck.check(
            layer, input: CNNGradientCheck.randomTensor([4, 3, 3, 2], seed: 3, scale: 2), h: 1e-2, tolerance: 5e-3)
    }

    func testNormalizesPerChannelAndTracksRunningStatistics() throws {
        let layer = try BatchNorm2D(name: "bn", channels: 2, momentum: 0.5)
        // Channel 0 holds 1, 3 (mean 2, variance 1); channel 1 holds 10, 10 (variance 0).
        let x = try Tensor(shape: [2, 2, 1, 1], storage: [1, 10, 3, 10])
        let y = try layer.forward(x, training: true)
        XCTAssertEqual(y.storage[0], -1, accuracy: 1e-4)
        XCTAssertEqual(y.storage[2], 1, accuracy: 1e-4)
        XCTAssertEqual(y.storage[1], 0, accuracy: 1e-4)
        XCTAssertEqual(layer.runningMean.storage, [1, 5])
        // Unbiased batch variance of channel 0 is 2: 0.5·1 + 0.5·2.
        XCTAssertEqual(layer.runningVariance.storage[0], 1.5, accuracy: 1e-6)
        XCTAssertEqual(layer.runningVariance.storage[1], 0.5, accuracy: 1e-6)
        let inference = try layer.forward(x, training: false)
        XCTAssertEqual(inference.storage[0], (1 - 1) / (1.5 + 1e-5).squareRoot(), accuracy: 1e-5)
        XCTAssertEqual(inference.storage[1], (10 - 5) / (0.5 + 1e-5).squareRoot(), accuracy: 1e-4)
        XCTAssertThrowsError(try layer.backward(y), "no cached batch after an inference forward")
    }

    func testRunningStatisticsAreBuffersThatRoundTrip() throws {
        let layer = try BatchNorm2D(name: "bn", channels: 2)
        _ = try layer.forward(CNNGradientCheck.randomTensor([4, 2, 3, 3], seed: 4), training: true)
        let saved = layer.buffers
        XCTAssertEqual(saved["running_mean"], layer.runningMean)
        XCTAssertEqual(saved["running_var"], layer.runningVariance)
        let restored = try BatchNorm2D(name: "bn", channels: 2)
        try restored.loadBuffers(saved)
        XCTAssertEqual(restored.runningMean, layer.runningMean)
        XCTAssertThrowsError(try restored.loadBuffers(["running_mean": Tensor(shape: [2])]))
        XCTAssertThrowsError(
            try restored.loadBuffers(["running_mean": Tensor(shape: [3]), "running_var": Tensor(shape: [2])]))
    }

    func testBadArgumentsThrow() throws {
        XCTAssertThrowsError(try BatchNorm2D(name: "bn", channels: 0))
        XCTAssertThrowsError(try BatchNorm2D(name: "bn", channels: 2, momentum: 1.5))
        XCTAssertThrowsError(try BatchNorm2D(name: "bn", channels: 2, epsilon: 0))
        let layer = try BatchNorm2D(name: "bn4", channels: 4)
        XCTAssertThrowsError(try layer.forward(Tensor(shape: [1, 3, 2, 2]), training: true)) { error in
            XCTAssertTrue("\(error)".contains("bn4"), "\(error)")
        }
        XCTAssertEqual(layer.parameters.map(\.name), ["bn4.gamma", "bn4.beta"])
    }
}
