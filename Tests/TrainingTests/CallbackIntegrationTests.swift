import Datasets
import Engine
import Foundation
import Telemetry
import XCTest
@testable import Training

/// Reduce-on-plateau and early stopping inside the loop. A min_delta of 10 makes every
/// evaluation after the first "no improvement", so the outcome is known in advance.
final class CallbackIntegrationTests: XCTestCase {
    private func run(_ config: TrainerConfig) throws -> (RunSummary, Sequential, CollectingSink) {
        let model = try makeMLP(seed: 1)
        let sink = CollectingSink()
        let trainer = try Trainer(
            model: model, optimizer: Optimizer(kind: .sgdMomentum, learningRate: config.learningRate),
            loss: SoftmaxCrossEntropy(), train: makeBlobs(count: 96, seed: 2), validation: makeBlobs(count: 30, seed: 3),
            config: config, sink: sink)
        return (try trainer.run(), model, sink)
    }

    func testPlateauHalvesTheRateAtTheSecondStalledEvaluationAndSaysSo() throws {
        let config = TrainerConfig(
            epochs: 3, batchSize: 16, seed: 7, learningRate: 0.1,
            plateau: PlateauConfig(factor: 0.5, patience: 1, minDelta: 10), probeEvery: 0)
        let (summary, _, sink) = try run(config)
        XCTAssertEqual(summary.endReason, .completed)
        let controls = sink.recorded.controls()
        XCTAssertEqual(controls.map(\.step), [12, 18])
        XCTAssertEqual(controls.map(\.record.source), [.schedule, .schedule])
        XCTAssertEqual(controls[0].record.lrAfter, 0.05, accuracy: 1e-7)
        XCTAssertEqual(controls[1].record.lrAfter, 0.025, accuracy: 1e-7)
        XCTAssertEqual(sink.recorded.scalars(Tag.learningRate).filter { $0.step > 12 && $0.step <= 18 }.first?.value ?? 0, 0.05, accuracy: 1e-7)
    }

    func testEarlyStoppingEndsTheRunWithTheBestWeights() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = TrainerConfig(
            epochs: 10, batchSize: 16, seed: 7, learningRate: 0.1,
            earlyStopping: EarlyStoppingConfig(patience: 1, minDelta: 10, restoreBestWeights: true), probeEvery: 0,
            checkpointDirectory: directory)
        let (summary, model, sink) = try run(config)
        XCTAssertEqual(summary.endReason, .earlyStop)
        XCTAssertEqual(summary.steps, 12, "stopped at the second evaluation")
        XCTAssertEqual(sink.recorded.scalars(Tag.valLoss).map(\.step), [6, 12])
        let best = try TrainerCheckpoint.read(from: directory + "/best.ckpt")
        XCTAssertEqual(best.progress.step, summary.bestStep)
        for (name, parameter) in model.namedParameters {
            XCTAssertEqual(parameter.value, best.model.parameters[name], "\(name) is the best evaluation's")
        }
    }
}
