import XCTest
@testable import Engine

final class LayerGradientTests: XCTestCase {
    func testDense() throws {
        var rng = SeededRNG(seed: 1)
        let layer = try Dense(name: "dense", inputSize: 5, outputSize: 3, biasInit: .uniform(low: -1, high: 1), rng: &rng)
        try GradientCheck.check(layer, input: GradientCheck.input([4, 5], seed: 2))
    }

    func testDenseWithSIMDWidths() throws {
        var rng = SeededRNG(seed: 1)
        let layer = try Dense(name: "wide", inputSize: 19, outputSize: 17, rng: &rng)
        try GradientCheck.check(layer, input: GradientCheck.input([7, 19], seed: 3))
    }

    func testActivations() throws {
        let layers: [any Layer] = [
            ReLU(name: "relu"), try LeakyReLU(name: "leaky", slope: 0.1), try ELU(name: "elu", alpha: 1.3),
            GELU(name: "gelu"), Tanh(name: "tanh"), Sigmoid(name: "sigmoid"), Softmax(name: "softmax"),
        ]
        for layer in layers {
            try GradientCheck.check(layer, input: GradientCheck.input([3, 11], seed: 4))
        }
    }

    func testPReLUSlope() throws {
        let layer = try PReLU(name: "prelu", features: 6, initialSlope: 0.2)
        layer.slope.value.storage = [0.1, 0.2, 0.3, -0.1, 0.5, 0.05]
        try GradientCheck.check(layer, input: GradientCheck.input([5, 6], seed: 5))
        try GradientCheck.check(layer, input: GradientCheck.input([2, 3, 2, 6], seed: 6))
    }

    func testFlatten() throws {
        try GradientCheck.check(Flatten(name: "flat"), input: GradientCheck.input([2, 3, 4], seed: 7))
    }

    func testDropoutWithFixedMask() throws {
        let layer = try Dropout(name: "drop", rate: 0.4, seed: 8)
        let saved = layer.rng
        try GradientCheck.check(layer, input: GradientCheck.input([4, 9], seed: 9), reset: { layer.rng = saved })
        try GradientCheck.check(layer, input: GradientCheck.input([4, 9], seed: 9), training: false)
    }

    func testBatchNormTrainingAndInference() throws {
        let layer = try BatchNorm(name: "bn", features: 4)
        layer.gamma.value.storage = [1.5, 0.5, -1, 2]
        layer.beta.value.storage = [0.1, -0.2, 0.3, 0]
        try GradientCheck.check(layer, input: GradientCheck.input([6, 4], seed: 10), tolerance: 2e-2)
        try GradientCheck.check(layer, input: GradientCheck.input([6, 4], seed: 11), training: false)
        try GradientCheck.check(layer, input: GradientCheck.input([2, 3, 3, 4], seed: 12), tolerance: 2e-2)
    }

    func testMaxoutPieces() throws {
        var rng = SeededRNG(seed: 13)
        let layer = try Maxout(name: "maxout", inputSize: 5, outputSize: 3, pieces: 3, weightInit: .normal(mean: 0, std: 1), rng: &rng)
        try GradientCheck.check(layer, input: GradientCheck.input([4, 5], seed: 14), step: 1e-3)
    }
}
