import Datasets
import Engine
import Foundation
import Telemetry
import XCTest
@testable import Training

/// Commands other than LR scaling: each is applied at a boundary and echoed once.
final class CommandTests: XCTestCase {
    private func makeTrainer(
        epochs: Int = 2, directory: String? = nil, model: Sequential? = nil, send: @escaping (Trainer, [Event]) -> Void
    ) throws -> (Trainer, Sequential, Optimizer, CollectingSink) {
        let model = try model ?? makeMLP(seed: 1)
        let optimizer = try Optimizer(kind: .sgdMomentum, learningRate: 0.05)
        let sink = CollectingSink()
        var box: Trainer?
        let observer = ClosureObserver { events in
            if let trainer = box { send(trainer, events) }
            return []
        }
        let config = TrainerConfig(epochs: epochs, batchSize: 16, seed: 7, learningRate: 0.05, probeEvery: 0, checkpointDirectory: directory)
        let trainer = try Trainer(
            model: model, optimizer: optimizer, loss: SoftmaxCrossEntropy(), train: makeBlobs(count: 96, seed: 2),
            validation: makeBlobs(count: 30, seed: 3), config: config, sink: sink, observers: [observer])
        box = trainer
        return (trainer, model, optimizer, sink)
    }

    private func at(_ step: Int, _ events: [Event]) -> Bool {
        events.contains { $0.tag == Tag.trainLoss && $0.step == step }
    }

    func testRegularizationKnobsApplyAndInvalidOnesAreRecordedAsRejected() throws {
        let (trainer, _, optimizer, sink) = try makeTrainer { trainer, events in
            guard self.at(2, events) else { return }
            trainer.send(.setWeightDecay(0.01))
            trainer.send(.setGradientClip(1.5))
            trainer.send(.setLabelSmoothing(0.1))
            trainer.send(.setDropout(0.3))
        }
        let summary = try trainer.run()
        XCTAssertEqual(summary.endReason, .completed)
        XCTAssertEqual(optimizer.weightDecay, 0.01)
        XCTAssertEqual(optimizer.clipGlobalNorm, 1.5)
        let controls = sink.recorded.controls()
        XCTAssertEqual(controls.map(\.record.action), ["set_weight_decay", "set_grad_clip", "set_label_smoothing", "set_dropout"])
        XCTAssertTrue(controls.allSatisfy { $0.step == 2 })
        XCTAssertTrue(controls[3].record.detail?.contains("rejected: the model has no dropout layer") ?? false)
        XCTAssertEqual(controls[0].record.lrBefore, controls[0].record.lrAfter)
    }

    func testPauseHoldsTheLoopUntilResume() throws {
        let (trainer, _, _, sink) = try makeTrainer { trainer, events in
            if self.at(3, events) { trainer.send(.pause) }
        }
        trainer.start()
        let deadline = Date().addingTimeInterval(10)
        while trainer.status.state != .paused, Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        XCTAssertEqual(trainer.status.state, .paused)
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertEqual(trainer.status.step, 3, "no steps while paused")
        trainer.send(.resume)
        let summary = try trainer.wait()
        XCTAssertEqual(summary.steps, 12)
        XCTAssertEqual(sink.recorded.controls().map(\.record.action), ["pause", "resume"])
        XCTAssertEqual(sink.recorded.texts(Tag.state).map(\.text), ["running", "paused", "running", "finished"])
    }

    func testInterruptFinishesTheStepAndWritesACheckpoint() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (trainer, _, _, _) = try makeTrainer(epochs: 5, directory: directory) { trainer, events in
            if self.at(4, events) { trainer.interrupt() }
        }
        let summary = try trainer.run()
        XCTAssertEqual(summary.endReason, .interrupted)
        XCTAssertEqual(summary.steps, 4)
        XCTAssertEqual(try TrainerCheckpoint.read(from: directory + "/last.ckpt").progress.step, 4)
    }

    func testRollbackToBestRestoresTheBestWeightsWithTheRateHalved() throws {
        var bestWeights: [[UInt32]]?
        var modelRef: Sequential?
        let (trainer, model, _, sink) = try makeTrainer(epochs: 2) { trainer, events in
            // Evaluation at step 6 is the only (so best) one before the command at step 8.
            if events.contains(where: { $0.tag == Tag.valLoss && $0.step == 6 }), let model = modelRef {
                bestWeights = parameterBits(model)
            }
            if self.at(8, events) { trainer.send(.rollbackToBest) }
        }
        modelRef = model
        let summary = try trainer.run()
        XCTAssertEqual(summary.endReason, .completed)
        let rollback = try XCTUnwrap(sink.recorded.controls().first { $0.record.action == "rollback_to_best" })
        XCTAssertEqual(rollback.step, 8)
        XCTAssertEqual(rollback.record.lrAfter, rollback.record.lrBefore / 2, accuracy: 1e-9)
        XCTAssertTrue(rollback.record.detail?.contains("step 6") ?? false, rollback.record.detail ?? "")
        XCTAssertNotNil(bestWeights)
    }
}
