import XCTest
@testable import TunetopApp

/// Mistakes the run builder, the trainer or the dashboard used to find only after the run
/// had started (and its directory been created), now one line from validation naming the
/// file, line and key.
final class ConfigUpfrontCheckTests: XCTestCase {
    private var digitsMLP: String {
        get throws {
            try String(contentsOf: ConfigFixture.sampleData.appendingPathComponent("configs/digits-mlp.toml"), encoding: .utf8)
        }
    }

    // MARK: - Augmentation needs images

    func testGeometricAugmentationOnFlatDigitsNamesTheKeyAndLine() {
        XCTAssertEqual(
            ConfigFixture.error("epochs = 1\n[data.augmentation]\nnoise_std = 0.1\nflip = true\n"),
            "test.toml:4: key 'data.augmentation.flip' needs images [channels, height, width], but the model starts with a "
                + "dense layer, so digits is fed as flat vectors [64]; start the model with an image layer (conv2d, …) or keep only noise_std")
        XCTAssertEqual(
            ConfigFixture.error("[data]\ndataset = \"mnist\"\n[data.augmentation]\nflip = false\nmax_shift = 2\n"),
            "test.toml:5: key 'data.augmentation.max_shift' needs images [channels, height, width], but the model starts with a "
                + "dense layer, so mnist is fed as flat vectors [784]; start the model with an image layer (conv2d, …) or keep only noise_std")
        XCTAssertEqual(
            ConfigFixture.error("[data]\ndataset = \"csv\"\npath = \"x.csv\"\n[data.augmentation]\ncrop_padding = 1\n"),
            "test.toml:5: key 'data.augmentation.crop_padding' needs images [channels, height, width], but a csv data set is "
                + "flat feature vectors; only noise_std applies to it")
    }

    func testGeometricAugmentationFromAnOverrideNamesTheOverride() throws {
        XCTAssertEqual(
            ConfigFixture.error(try digitsMLP, overrides: [("data.augmentation.max_rotation_degrees", "10")]),
            "--set data.augmentation.max_rotation_degrees=10: key 'data.augmentation.max_rotation_degrees' needs images "
                + "[channels, height, width], but the model starts with a dense layer, so digits is fed as flat vectors [64]; "
                + "start the model with an image layer (conv2d, …) or keep only noise_std")
    }

    func testNoiseOnFlatDataAndShiftOnImagesAreFine() throws {
        let noisy = try RunConfig.parse("[data.augmentation]\nnoise_std = 0.1\n", source: "t.toml")
        XCTAssertEqual(noisy.data.augmentation.noiseStd, 0.1)
        let cnn = try RunConfig.load(path: ConfigFixture.sampleData.appendingPathComponent("configs/mnist-cnn.toml").path)
        XCTAssertEqual(cnn.data.augmentation.maxShift, 2)
        XCTAssertNoThrow(try cnn.applying(overrides: [("data.augmentation.flip", "true")]))
    }

    // MARK: - Class weights need cross-entropy

    func testBalancedClassWeightsWithALossThatIgnoresThemIsRefused() {
        XCTAssertEqual(
            ConfigFixture.error("[data]\nclass_balance = \"weights\"\n[loss]\nkind = \"focal\"\n"),
            "test.toml:2: key 'data.class_balance' is 'weights', which scales the terms of loss 'cross_entropy', but the loss "
                + "is 'focal' (it takes no class weights); use 'oversample', or loss kind 'cross_entropy'")
    }

    // MARK: - Single precision

    func testNumbersTheEngineCannotHoldAreOutOfRange() {
        XCTAssertEqual(
            ConfigFixture.error("[optimizer]\nlearning_rate = 1e-50\n"),
            "test.toml:2: key 'optimizer.learning_rate' must be > 0.0 (got 1e-50, which is 0.0 in single precision, the engine's number type)")
        XCTAssertEqual(
            ConfigFixture.error("[optimizer]\nbetas = [0.9, 0.99999999999]\n"),
            "test.toml:2: key 'optimizer.betas' element 1 must be >= 0.0 and < 1.0 "
                + "(got 0.99999999999, which is 1.0 in single precision, the engine's number type)")
        XCTAssertEqual(
            ConfigFixture.error("[schedule]\nkind = \"linear\"\nend_lr = 1e39\n"),
            "test.toml:3: key 'schedule.end_lr' must be within ±3.4e38 (got 1e+39, which is infinite in single precision, the engine's number type)")
    }

    // MARK: - Unknown layer keys before missing required ones

    func testMisspeltRequiredLayerKeyIsReportedAsUnknownWithASuggestion() {
        XCTAssertEqual(
            ConfigFixture.error("[[model.layers]]\nkind = \"dense\"\nunit = 32\n[[model.layers]]\nkind = \"dense\"\nunits = 10\n"),
            "test.toml:3: key 'model.layers[0].unit' is unknown for a dense layer; did you mean 'units'?")
        XCTAssertEqual(
            ConfigFixture.error(
                "[data]\ndataset = \"mnist\"\n[[model.layers]]\nkind = \"conv2d\"\nkernel = 3\nfilter = 8\nstride = 1\n"),
            "test.toml:6: key 'model.layers[0].filter' is unknown for a conv2d layer; did you mean 'filters'?")
        XCTAssertEqual(
            ConfigFixture.error("[[model.layers]]\nknd = \"dense\"\nunits = 10\n"),
            "test.toml:2: key 'model.layers[0].knd' is unknown; did you mean 'kind'?")
        XCTAssertEqual(
            ConfigFixture.error("[data]\ndataset = \"csv\"\npth = \"x.csv\"\n"),
            "test.toml:3: key 'data.pth' is unknown; did you mean 'path'?")
    }

    func testMissingRequiredKeyIsStillReportedWhenNothingIsMisspelt() {
        XCTAssertEqual(
            ConfigFixture.error("[[model.layers]]\nkind = \"dense\"\nweight_init = \"he_normal\"\n"),
            "test.toml:1: key 'model.layers[0].units' is required for a dense layer")
        XCTAssertEqual(
            ConfigFixture.error("[[model.layers]]\nkind = \"dense\"\nwidth = 10\n"),
            "test.toml:3: key 'model.layers[0].width' is unknown for a dense layer; it takes: units, weight_init, bias_init")
        XCTAssertEqual(
            ConfigFixture.error("[data]\ndataset = \"csv\"\n"),
            "test.toml:1: key 'data.path' is required when dataset = \"csv\" (a CSV file with a label column)")
    }

    // MARK: - A kind switched by an override

    func testOptimizerKindFromTheCommandLineDropsTheFilesOptionsOfTheOldKind() throws {
        let sgd = try RunConfig.parse(try digitsMLP, source: "digits-mlp.toml", overrides: [("optimizer.kind", "sgd")])
        XCTAssertEqual(sgd.optimizer, OptimizerSettings(.sgd(momentum: 0.9, nesterov: false), learningRate: 1e-3))
        let rmsprop = try RunConfig.parse(
            "[optimizer]\nkind = \"sgd\"\nmomentum = 0.5\nnesterov = true\n", source: "t.toml",
            overrides: [("optimizer.kind", "rmsprop")])
        XCTAssertEqual(
            rmsprop.optimizer.algorithm, .rmsprop(rho: 0.9, epsilon: 1e-8, momentum: 0.5), "momentum applies to both kinds: kept")
    }

    func testOptionsGivenForTheWrongKindOnTheCommandLineAndTyposStayErrors() throws {
        XCTAssertEqual(
            ConfigFixture.error(try digitsMLP, overrides: [("optimizer.kind", "sgd"), ("optimizer.betas", "[0.8, 0.9]")]),
            "--set optimizer.betas=[0.8, 0.9]: key 'optimizer.betas' is unknown for optimizer kind 'sgd'; it takes: learning_rate, momentum, nesterov")
        XCTAssertEqual(
            ConfigFixture.error("[optimizer]\nkind = \"adam\"\nbetaz = [0.8, 0.9]\n", overrides: [("optimizer.kind", "sgd")]),
            "test.toml:3: key 'optimizer.betaz' is unknown for optimizer kind 'sgd'; it takes: learning_rate, momentum, nesterov")
        XCTAssertEqual(
            ConfigFixture.error("[optimizer]\nkind = \"sgd\"\nbetas = [0.8, 0.9]\n"),
            "test.toml:3: key 'optimizer.betas' is unknown for optimizer kind 'sgd'; it takes: learning_rate, momentum, nesterov",
            "the file's own kind is not an override: its wrong options are errors")
    }

    func testLossScheduleLayerAndDatasetKindsSwitchTheSameWay() throws {
        let text = """
            [data]
            dataset = "csv"
            path = "breast-cancer/breast-cancer.csv"
            label_column = "diagnosis"
            [[model.layers]]
            kind = "dense"
            units = 2
            bias_init = "zeros"
            [loss]
            kind = "focal"
            gamma = 1.5
            [schedule]
            kind = "step"
            step_size = 3
            """
        let config = try RunConfig.parse(text, source: "t.toml", overrides: [
            ("data.dataset", "digits"), ("data.path", "digits/digits.csv"), ("model.layers[0].kind", "maxout"),
            ("model.layers[0].units", "10"), ("loss.kind", "cross_entropy"), ("schedule.kind", "cosine"),
        ])
        XCTAssertEqual(config.data.dataset, .digits)
        XCTAssertEqual(config.layers, [LayerSpec(.maxout(units: 10, pieces: 2))])
        XCTAssertEqual(config.loss, .crossEntropy(labelSmoothing: 0, classWeights: nil))
        XCTAssertEqual(config.schedule.curve, .cosine(minLR: 0, warmupSteps: 0))
    }

    /// The option lists the override rule uses hold every option each kind asks for.
    func testOptionListsCoverEveryKindsOptions() {
        func options(_ message: String) -> [String] {
            guard let range = message.range(of: "; it takes: ") else { return [] }
            return message[range.upperBound...].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        for kind in OptimizerSettings.Name.allCases {
            let message = ConfigFixture.error("[optimizer]\nkind = \"\(kind.rawValue)\"\nzzzzzzzzzz = 1\n")
            XCTAssertEqual(Set(options(message)).subtracting(["learning_rate"]).subtracting(SectionDecoders.optimizerOptions), [], message)
        }
        for kind in LossSettings.Name.allCases where kind != .mse && kind != .bce {
            let message = ConfigFixture.error("[loss]\nkind = \"\(kind.rawValue)\"\nzzzzzzzzzz = 1\n")
            XCTAssertEqual(Set(options(message)).subtracting(SectionDecoders.lossOptions), [], message)
        }
        for kind in ScheduleSettings.Name.allCases where kind != .constant {
            let message = ConfigFixture.error("[schedule]\nkind = \"\(kind.rawValue)\"\nzzzzzzzzzz = 1\n")
            XCTAssertEqual(Set(options(message)).subtracting(SectionDecoders.scheduleOptions), [], message)
        }
        for kind in LayerKindName.allCases {
            let message = ConfigFixture.error("[[model.layers]]\nkind = \"\(kind.rawValue)\"\nzzzzzzzzzz = 1\n")
            XCTAssertEqual(Set(options(message)).subtracting(ModelDecoder.layerOptions), [], message)
        }
    }

    func testASweepOverTheOptimizerKindValidatesAndLoadsEveryTrial() throws {
        let directory = try scratchDirectory("kind-sweep")
        let base = directory.appendingPathComponent("base.toml")
        try (try digitsMLP).replacingOccurrences(of: "betas = [0.9, 0.999]", with: "betas = [0.8, 0.99]")
            .write(to: base, atomically: true, encoding: .utf8)
        let spec = try SweepSpec.parse(
            "base = \"base.toml\"\n[params]\n\"optimizer.kind\" = [\"sgd\", \"adam\", \"rmsprop\"]\n", source: "s.toml",
            directory: directory.path)
        try spec.validate(base: try RunConfig.load(path: spec.basePath))
        let kinds = try spec.trials().map { try RunConfig.load(path: spec.basePath, overrides: $0).optimizer.algorithm }
        XCTAssertEqual(kinds, [
            .sgd(momentum: 0.9, nesterov: false), .adam(beta1: 0.8, beta2: 0.99, epsilon: 1e-8),
            .rmsprop(rho: 0.9, epsilon: 1e-8, momentum: 0),
        ])
    }

    // MARK: - Themes

    func testDashboardThemeIsCheckedAgainstTheThemeFiles() throws {
        XCTAssertEqual(
            ConfigFixture.error("[dashboard]\ntheme = \"nonexistent\"\n"),
            "test.toml:2: key 'dashboard.theme' has unknown value 'nonexistent' (known: default, dark, high-contrast, light, monochrome)")
        XCTAssertEqual(
            ConfigFixture.error("[dashboard]\nsmoothing = 0.5\ntheme = \"hight-contrast\"\n"),
            "test.toml:3: key 'dashboard.theme' has unknown value 'hight-contrast'; did you mean 'high-contrast'? "
                + "(known: default, dark, high-contrast, light, monochrome)")
        XCTAssertEqual(
            ConfigFixture.error(try digitsMLP, overrides: [("dashboard.theme", "ligth")]),
            "--set dashboard.theme=ligth: key 'dashboard.theme' has unknown value 'ligth'; did you mean 'light'? "
                + "(known: default, dark, high-contrast, light, monochrome)")
        for theme in ["default", "dark", "light", "monochrome"] {
            XCTAssertEqual(try RunConfig.parse("[dashboard]\ntheme = \"\(theme)\"\n", source: "t.toml").dashboard.theme, theme)
        }
    }
}
