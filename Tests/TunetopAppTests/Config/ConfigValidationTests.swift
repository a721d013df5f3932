import XCTest
@testable import TunetopApp

final class ConfigValidationTests: XCTestCase {
    func testEmptyFileIsTheDefault() throws {
        XCTAssertEqual(try RunConfig.parse("# nothing\n", source: "empty.toml"), RunConfig.default)
    }

    func testUnknownKeySuggestsTheClosest() {
        XCTAssertEqual(
            ConfigFixture.error("[optimizer]\nkind = \"adam\"\nlerning_rate = 0.01\n"),
            "test.toml:3: key 'optimizer.lerning_rate' is unknown for optimizer kind 'adam'; did you mean 'learning_rate'?")
        XCTAssertEqual(
            ConfigFixture.error("epochs = 3\n[optimiser]\n"), "test.toml:2: key 'optimiser' is unknown; did you mean 'optimizer'?")
        XCTAssertEqual(
            ConfigFixture.error("[optimizer]\nkind = \"adam\"\nmomentum = 0.9\n"),
            "test.toml:3: key 'optimizer.momentum' is unknown for optimizer kind 'adam'; it takes: learning_rate, betas, epsilon")
        XCTAssertEqual(
            ConfigFixture.error("[[model.layers]]\nkind = \"relu\"\nunits = 3\n"),
            "test.toml:3: key 'model.layers[0].units' is unknown for a relu layer; it takes no options")
    }

    func testWrongType() {
        XCTAssertEqual(
            ConfigFixture.error("epochs = \"ten\"\n"), #"test.toml:1: key 'epochs' expects an integer, found a string ("ten")"#)
        XCTAssertEqual(
            ConfigFixture.error("[[model.layers]]\nkind = \"dense\"\nunits = 10.5\n"),
            "test.toml:3: key 'model.layers[0].units' expects an integer, found a float (10.5)")
    }

    func testOutOfRange() {
        XCTAssertEqual(
            ConfigFixture.error("[optimizer]\nlearning_rate = -0.1\n"),
            "test.toml:2: key 'optimizer.learning_rate' must be > 0.0 (got -0.1)")
        XCTAssertEqual(ConfigFixture.error("batch_size = 0\n"), "test.toml:1: key 'batch_size' must be > 0 (got 0)")
        XCTAssertEqual(
            ConfigFixture.error(
                "[[model.layers]]\nkind = \"dense\"\nunits = 10\n[[model.layers]]\nkind = \"dropout\"\nrate = 1.0\n"),
            "test.toml:6: key 'model.layers[1].rate' must be >= 0.0 and < 1.0 (got 1.0)")
        XCTAssertEqual(
            ConfigFixture.error("[optimizer]\nlearning_rate = nan\n"),
            "test.toml:2: key 'optimizer.learning_rate' must be a finite number (got nan)")
    }

    func testBadEnumValueListsTheAllowedValues() {
        XCTAssertEqual(
            ConfigFixture.error("[optimizer]\nkind = \"adamm\"\n"),
            "test.toml:2: key 'optimizer.kind' has unknown value 'adamm'; did you mean 'adam'? (allowed: sgd, adam, adamw, rmsprop)")
        XCTAssertEqual(
            ConfigFixture.error("[data]\nnormalization = \"zscore\"\n"),
            "test.toml:2: key 'data.normalization' has unknown value 'zscore' "
                + "(allowed: none, standardize, standardize_per_channel, unit_range, symmetric_range)")
    }

    func testLayersThatDoNotChain() {
        let convOnFlat = """
            [[model.layers]]
            kind = "dense"
            units = 32
            [[model.layers]]
            kind = "conv2d"
            filters = 8
            """
        XCTAssertEqual(
            ConfigFixture.error(convOnFlat),
            "test.toml:4: key 'model.layers[1]' (conv2d) needs an image input [channels, height, width] but gets the flat [32]; "
                + "image layers must come first, before any flatten or dense layer, on an image data set")
        let denseAfterConv = """
            [data]
            dataset = "mnist"
            [[model.layers]]
            kind = "conv2d"
            filters = 8
            kernel = 3
            [[model.layers]]
            kind = "relu"
            [[model.layers]]
            kind = "dense"
            units = 10
            """
        XCTAssertEqual(
            ConfigFixture.error(denseAfterConv),
            "test.toml:9: key 'model.layers[2]' (dense) needs a flat input but gets the image [8, 26, 26]; "
                + "add a flatten (or global_avg_pool) layer before it")
        XCTAssertEqual(
            ConfigFixture.error("[[model.layers]]\nkind = \"dense\"\nunits = 32\n"),
            "test.toml:1: key 'model.layers[0]' (dense) ends the model with 32 outputs but digits has 10 classes; "
                + "the last dense layer needs units = 10")
        XCTAssertEqual(
            ConfigFixture.error("[[model.layers]]\nkind = \"conv2d\"\nfilters = 4\nkernel = 9\n"),
            "test.toml:1: key 'model.layers[0]' kernel 9 is larger than its padded input 8×8 (input [1, 8, 8])")
    }

    func testCrossKeyRules() {
        XCTAssertEqual(
            ConfigFixture.error("[loss]\nclass_weights = [1, 2]\n"),
            "test.toml:2: key 'loss.class_weights' has 2 weights but digits has 10 classes")
        XCTAssertEqual(
            ConfigFixture.error("[optimizer]\nkind = \"sgd\"\nmomentum = 0\nnesterov = true\n"),
            "test.toml:4: key 'optimizer.nesterov' needs momentum > 0")
        XCTAssertEqual(
            ConfigFixture.error("[data]\ndataset = \"csv\"\n"),
            #"test.toml:1: key 'data.path' is required when dataset = "csv" (a CSV file with a label column)"#)
    }
}
