import Datasets
import Engine
import Telemetry
import Training
import XCTest
@testable import TunetopApp

final class RunBuilderTests: XCTestCase {
    /// Builds a sample config (MNIST cut to 300 examples) and checks one forward and
    /// backward pass of a batch end to end.
    private func buildAndRunOneBatch(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> BuiltRun {
        let path = ConfigFixture.sampleData.appendingPathComponent("configs/\(name)").path
        let config = try RunConfig.load(path: path, overrides: name.hasPrefix("mnist") ? [("data.limit", "300")] : [])
        let run = try RunBuilder.build(config, sampleData: ConfigFixture.sampleData.path)
        let batch = run.train.batch(0..<8)
        let output = try run.model.forward(batch.features, training: true)
        XCTAssertEqual(output.shape, [8, run.train.classCount], name, file: file, line: line)
        let result = try run.loss.evaluate(output, labels: batch.labels)
        XCTAssertTrue(result.loss.isFinite, "\(name): loss \(result.loss)", file: file, line: line)
        _ = try run.model.backward(result.gradient)
        try run.optimizer.step(run.model.parameters)
        XCTAssertEqual(run.train.featureShape, run.validation.featureShape, file: file, line: line)
        return run
    }

    func testDigitsDefaultBuildsTheNamedMLP() throws {
        let run = try buildAndRunOneBatch("digits-mlp.toml")
        XCTAssertEqual(run.model.layers.map(\.name), ["dense1", "relu1", "dense2", "relu2", "dense3"])
        XCTAssertEqual(run.train.count + run.validation.count, 1797)
        XCTAssertEqual(run.validation.count, 360, accuracy: 10)
        XCTAssertEqual(run.model.parameters.map(\.name).first, "dense1.weight")
    }

    func testMNISTConfigsBuild() throws {
        let mlp = try buildAndRunOneBatch("mnist-mlp.toml")
        XCTAssertEqual(mlp.train.featureShape, [784])
        let cnn = try buildAndRunOneBatch("mnist-cnn.toml")
        XCTAssertEqual(cnn.train.featureShape, [1, 28, 28])
        XCTAssertEqual(cnn.trainerConfig.augmentation, Augmentation(maxShift: 2))
        XCTAssertNil(mlp.trainerConfig.augmentation)
        XCTAssertEqual(
            cnn.model.layers.map(\.name),
            ["conv1", "batchnorm2d1", "relu1", "maxpool1", "conv2", "relu2", "maxpool2", "flatten1", "dropout1", "dense1"])
    }

    func testBreastCancerBuildsWithBalancedWeights() throws {
        let run = try buildAndRunOneBatch("breast-cancer.toml")
        XCTAssertEqual(run.train.featureShape, [30])
        XCTAssertEqual(run.train.classCount, 2)
        let loss = try XCTUnwrap(run.loss as? SoftmaxCrossEntropy)
        let weights = try XCTUnwrap(loss.classWeights)
        let counts = run.train.classCounts
        XCTAssertEqual(zip(weights, counts).map { $0 * Float($1) }.reduce(0, +), Float(run.train.count), accuracy: 1e-3)
        XCTAssertGreaterThan(weights[0], weights[1], "the malignant minority weighs more")
        XCTAssertEqual(run.trainerConfig.earlyStopping, EarlyStoppingConfig(patience: 10, minDelta: 1e-4, restoreBestWeights: true))
        XCTAssertEqual(run.trainerConfig.epochs, 60)
    }

    func testEpochSchedulesBecomeStepSchedules() throws {
        let config = try RunConfig.default.applying(overrides: [
            ("schedule.kind", "step"), ("schedule.step_size", "3"), ("schedule.gamma", "0.5"), ("eval_every", "50"),
            ("nan_policy", "rollback"), ("plateau.patience", "2"), ("plateau.halve_until_min", "true"),
        ])
        let run = try RunBuilder.build(config, sampleData: ConfigFixture.sampleData.path)
        let stepsPerEpoch = (run.train.count + 31) / 32
        XCTAssertEqual(run.trainerConfig.schedule, .step(every: 3 * stepsPerEpoch, gamma: 0.5))
        XCTAssertEqual(run.trainerConfig.evalEverySteps, 50)
        XCTAssertEqual(run.trainerConfig.nonFinitePolicy, .rollbackAndHalve)
        XCTAssertEqual(run.trainerConfig.plateau?.stopAtMinimum, true)
        XCTAssertEqual(run.trainerConfig.plateau?.patience, 2)
        let exponential = TrainerSettingsFactory.schedule(ScheduleSettings(.exponential(gamma: 0.5)), stepsPerEpoch: 10)
        XCTAssertEqual(exponential.rate(atStep: 10, base: 1, totalSteps: 100), 0.5, accuracy: 1e-5)
    }

    func testCSVWidthMismatchIsReportedAtBuild() throws {
        var config = try RunConfig.load(path: ConfigFixture.sampleData.appendingPathComponent("configs/breast-cancer.toml").path)
        config.layers[config.layers.count - 1] = LayerSpec(.dense(units: 3))
        XCTAssertThrowsError(try RunBuilder.build(config, sampleData: ConfigFixture.sampleData.path)) { error in
            XCTAssertEqual(
                "\(error)",
                "key 'model.layers[3]' (dense) ends the model with 3 outputs but csv has 2 classes; the last dense layer needs units = 2")
        }
    }

    func testSameSeedSameInitialWeights() throws {
        let first = try RunBuilder.build(.default, sampleData: ConfigFixture.sampleData.path)
        let second = try RunBuilder.build(.default, sampleData: ConfigFixture.sampleData.path)
        XCTAssertEqual(first.model.parameters.map(\.value), second.model.parameters.map(\.value))
        XCTAssertEqual(first.validation.labels, second.validation.labels)
        let reseeded = try RunBuilder.build(try RunConfig.default.applying(overrides: ["seed": "7"]), sampleData: ConfigFixture.sampleData.path)
        XCTAssertNotEqual(first.model.parameters[0].value, reseeded.model.parameters[0].value)
    }
}

/// Drops events: the trainer needs a sink, this test only needs the summary.
private final class DiscardingSink: EventSink {
    func record(_ events: [Event]) {}
}

final class RunBuilderTrainerTests: XCTestCase {
    /// The built run plugs into the real trainer: three epochs of the default digits MLP
    /// (about a second) complete and learn.
    func testDefaultConfigTrainsWithTheTrainer() throws {
        let config = try RunConfig.default.applying(overrides: ["epochs": "3", "probe_every": "20"])
        let run = try RunBuilder.build(config, sampleData: ConfigFixture.sampleData.path)
        let trainer = try Trainer(
            model: run.model, optimizer: run.optimizer, loss: run.loss, train: run.train, validation: run.validation,
            config: run.trainerConfig, sink: DiscardingSink())
        let summary = try trainer.run()
        XCTAssertEqual(summary.endReason, .completed)
        XCTAssertEqual(summary.steps, 3 * ((run.train.count + 31) / 32))
        XCTAssertGreaterThan(summary.bestValAccuracy ?? 0, 0.85)
    }
}

final class RunBuilderPreflightTests: XCTestCase {
    /// A split that leaves nothing to train on fails in `build`, before any run directory.
    func testNoTrainingExampleLeftIsAConfigErrorNamingTheKey() throws {
        let config = try RunConfig.parse("[data]\nlimit = 1\nvalidation_fraction = 0.6\n", source: "t.toml")
        XCTAssertThrowsError(try RunBuilder.build(config, sampleData: ConfigFixture.sampleData.path)) { error in
            XCTAssertEqual(
                (error as? ConfigError)?.description,
                "key 'data.limit' leaves no training examples: all 1 go to the validation split")
        }
    }
}
