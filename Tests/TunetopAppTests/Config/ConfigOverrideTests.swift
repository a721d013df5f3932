import XCTest
@testable import TunetopApp

final class ConfigOverrideTests: XCTestCase {
    func testOverridesAreTypedLikeTheFile() throws {
        let config = try RunConfig.default.applying(overrides: [
            (key: "optimizer.kind", value: "sgd"),
            (key: "optimizer.momentum", value: "0.8"),
            (key: "model.layers[0].units", value: "256"),
            (key: "data.augmentation.noise_std", value: "0.1"),
            (key: "epochs", value: "3"),
        ])
        XCTAssertEqual(config.optimizer.algorithm, .sgd(momentum: 0.8, nesterov: false))
        XCTAssertEqual(config.layers[0].kind, .dense(units: 256))
        XCTAssertEqual(config.data.augmentation.noiseStd, 0.1)
        XCTAssertEqual(config.epochs, 3)
        XCTAssertEqual(config.layers.count, RunConfig.default.layers.count)
    }

    func testSharedFlagsBeatSetAndValidate() throws {
        let overrides = try RunConfig.flagOverrides(
            epochs: 7, seed: 9, learningRate: 0.05, set: ["optimizer.learning_rate=0.5", "batch_size = 64"])
        let config = try RunConfig.default.applying(overrides: overrides)
        XCTAssertEqual(config.optimizer.learningRate, 0.05)
        XCTAssertEqual(config.batchSize, 64)
        XCTAssertEqual(config.epochs, 7)
        XCTAssertEqual(config.seed, 9)
    }

    func testOverrideErrorsNameTheFlag() {
        XCTAssertThrowsError(try RunConfig.default.applying(overrides: ["optimizer.lerning_rate": "0.1"])) { error in
            XCTAssertEqual(
                "\(error)",
                "--set optimizer.lerning_rate=0.1: key 'optimizer.lerning_rate' is unknown for optimizer kind 'adam'; did you mean 'learning_rate'?")
        }
        XCTAssertThrowsError(try RunConfig.default.applying(overrides: ["batch_size": "-1"])) { error in
            XCTAssertEqual("\(error)", "--set batch_size=-1: key 'batch_size' must be > 0 (got -1)")
        }
        XCTAssertThrowsError(
            try RunConfig.default.applying(overrides: [("epochs", "2"), ("model.layers[0].kind", "conv2d"), ("seed", "3")])
        ) { error in
            XCTAssertEqual("\(error)", "--set model.layers[0].kind=conv2d: key 'model.layers[0].filters' is required for a conv2d layer")
        }
        XCTAssertThrowsError(try RunConfig.default.applying(overrides: ["model.layers[9].units": "3"])) { error in
            XCTAssertEqual("\(error)", "--set model.layers[9].units=3: key 'model.layers' has 5 entries; [9] is out of range")
        }
    }

    func testLayerOverrideOnAFileWithoutAModel() throws {
        let config = try RunConfig.parse("epochs = 2\n", source: "t.toml", overrides: [("model.layers[2].units", "32")])
        XCTAssertEqual(config.layers[2].kind, .dense(units: 32))
        XCTAssertEqual(config.layers.count, 5)
    }

    func testOverridesApplyToTheFileBeforeValidation() throws {
        let text = "[optimizer]\nkind = \"sgd\"\nlearning_rate = 0.1\n[schedule]\nkind = \"one_cycle\"\n"
        let config = try RunConfig.parse(text, source: "t.toml", overrides: [(key: "optimizer.learning_rate", value: "0.01")])
        XCTAssertEqual(config.schedule.curve, .oneCycle(maxLR: 0.01, pctStart: 0.3))
    }
}
