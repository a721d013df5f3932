import Datasets
import Engine
import Foundation
import Telemetry
import XCTest
@testable import Training

final class TrainerTests: XCTestCase {
    private func makeTrainer(
        config: TrainerConfig, model: Sequential? = nil, sink: CollectingSink = CollectingSink(),
        observers: [any EventObserver] = [], optimizer: Optimizer? = nil
    ) throws -> (Trainer, Sequential, CollectingSink) {
        let model = try model ?? makeMLP(seed: 1)
        let optimizer = try optimizer ?? Optimizer(kind: .sgdMomentum, learningRate: config.learningRate)
        let trainer = try Trainer(
            model: model, optimizer: optimizer, loss: SoftmaxCrossEntropy(), train: makeBlobs(count: 96, seed: 2),
            validation: makeBlobs(count: 30, seed: 3), config: config, sink: sink, observers: observers)
        return (trainer, model, sink)
    }

    func testTrainsAndRecordsTheContractTags() throws {
        let config = TrainerConfig(epochs: 3, batchSize: 16, seed: 7, learningRate: 0.05, probeEvery: 5)
        let (trainer, _, sink) = try makeTrainer(config: config)
        let summary = try trainer.run()
        XCTAssertEqual(summary.endReason, .completed)
        XCTAssertEqual(summary.steps, 18)
        let events = sink.recorded
        XCTAssertEqual(events.scalars(Tag.trainLoss).map(\.step), Array(1...18))
        XCTAssertEqual(events.scalars(Tag.valLoss).map(\.step), [6, 12, 18])
        XCTAssertEqual(events.scalars(Tag.totalSteps).first?.value, 18)
        XCTAssertEqual(events.scalars(Tag.epoch).map(\.value), [1, 2, 3])
        let firstLoss = try XCTUnwrap(events.scalars(Tag.trainLoss).first?.value)
        let lastVal = try XCTUnwrap(events.scalars(Tag.valLoss).last?.value)
        XCTAssertLessThan(lastVal, firstLoss * 0.7, "the net learns the blobs")
        XCTAssertEqual(events.scalars(Tag.layer("dense1", .gradNorm)).map(\.step), [1, 6, 11, 16])
        XCTAssertFalse(events.scalars(Tag.layer("relu1", .deadFraction)).isEmpty)
        XCTAssertFalse(events.scalars(Tag.layer("dense2", .topProbability)).isEmpty)
        let summaryText = try XCTUnwrap(events.texts(Tag.summary).last?.text)
        XCTAssertEqual(RecordJSON.decode(RunSummary.self, from: summaryText), summary)
        XCTAssertEqual(trainer.status.state, .finished)
        XCTAssertEqual(trainer.status.step, 18)
    }

    func testCommandIsAppliedOnceAtTheNextBoundaryAndEchoedWithLRBeforeAndAfter() throws {
        let config = TrainerConfig(epochs: 1, batchSize: 16, seed: 7, learningRate: 0.1, probeEvery: 0)
        var trainerBox: Trainer?
        let observer = ClosureObserver { events in
            if events.contains(where: { $0.tag == Tag.trainLoss && $0.step == 3 }) {
                trainerBox?.send(.scaleLearningRate(0.5))
            }
            return []
        }
        let (trainer, _, sink) = try makeTrainer(config: config, observers: [observer])
        trainerBox = trainer
        _ = try trainer.run()
        let controls = sink.recorded.controls()
        XCTAssertEqual(controls.count, 1)
        XCTAssertEqual(controls.first?.step, 3, "applied at the boundary after step 3")
        XCTAssertEqual(controls.first?.record.action, "scale_lr")
        XCTAssertEqual(controls.first?.record.lrBefore ?? 0, 0.1, accuracy: 1e-7)
        XCTAssertEqual(controls.first?.record.lrAfter ?? 0, 0.05, accuracy: 1e-7)
        // Steps 1…3 ran at 0.1; the change is logged at step 3 (where it happened); 4… run at 0.05.
        let rates = sink.recorded.scalars(Tag.learningRate).filter { $0.step >= 1 }
        XCTAssertEqual(rates.filter { $0.step <= 3 }.map(\.value), [0.1, 0.1, 0.1, 0.05].map { Double(Float($0)) })
        XCTAssertEqual(Set(rates.filter { $0.step > 3 }.map(\.value)), [Double(Float(0.05))])
        XCTAssertEqual(trainer.status.learningRate, 0.05, accuracy: 1e-7)
    }

    func testStopEarlyFinishesTheStepEvaluatesAndEndsWithUserStop() throws {
        let config = TrainerConfig(epochs: 5, batchSize: 16, seed: 7, learningRate: 0.05, probeEvery: 0)
        var trainerBox: Trainer?
        let observer = ClosureObserver { events in
            if events.contains(where: { $0.tag == Tag.trainLoss && $0.step == 8 }) { trainerBox?.send(.stopEarly) }
            return []
        }
        let (trainer, _, sink) = try makeTrainer(config: config, observers: [observer])
        trainerBox = trainer
        let summary = try trainer.run()
        XCTAssertEqual(summary.endReason, .userStop)
        XCTAssertEqual(summary.steps, 8)
        XCTAssertEqual(sink.recorded.scalars(Tag.valLoss).map(\.step), [6, 8], "evaluated at the stop")
    }

    func testASleepingSinkDoesNotSlowTheTrainer() throws {
        // The sink's first call sleeps 3 s; all 60 steps must finish while it still sleeps.
        let sink = CollectingSink(sleepSeconds: 3)
        let config = TrainerConfig(epochs: 10, batchSize: 16, seed: 7, learningRate: 0.05, probeEvery: 10)
        let (trainer, _, _) = try makeTrainer(config: config, sink: sink)
        trainer.start()
        let deadline = Date().addingTimeInterval(2.5)
        while trainer.status.step < 60, Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        let stepsWhileSinkSlept = trainer.status.step
        let sinkHadReturned = sink.firstCallReturned.isSet
        _ = try trainer.wait()
        XCTAssertFalse(sinkHadReturned)
        XCTAssertEqual(stepsWhileSinkSlept, 60, "steps done while the sink slept")
        XCTAssertEqual(sink.recorded.scalars(Tag.trainLoss).count, 60, "the sink still gets every event")
    }

    func testLiveBufferStaysBoundedWhenNobodyDrains() throws {
        let config = TrainerConfig(epochs: 4, batchSize: 16, seed: 7, learningRate: 0.05, probeEvery: 1, liveBufferCapacity: 50)
        let (trainer, _, sink) = try makeTrainer(config: config)
        _ = try trainer.run()
        let drained = trainer.drain()
        let textCount = drained.filter { if case .text = $0.value { return true } else { return false } }.count
        XCTAssertLessThanOrEqual(drained.count, 50 + textCount)
        XCTAssertGreaterThan(trainer.droppedLiveEvents, 0)
        XCTAssertGreaterThan(sink.recorded.count, drained.count)
        XCTAssertTrue(drained.contains { $0.tag == Tag.summary })
    }

    func testNonFiniteLossStopsWithDivergedNamingTheLayer() throws {
        let config = TrainerConfig(epochs: 5, batchSize: 16, seed: 7, learningRate: 1e8, probeEvery: 0)
        let (trainer, model, sink) = try makeTrainer(config: config)
        let summary = try trainer.run()
        XCTAssertEqual(summary.endReason, .diverged)
        let record = try XCTUnwrap(sink.recorded.texts(Tag.nonFinite).first)
        XCTAssertEqual(record.step, summary.steps)
        let decoded = try XCTUnwrap(RecordJSON.decode(NonFiniteRecord.self, from: record.text))
        XCTAssertTrue(["dense1", "relu1", "dense2", "loss"].contains(decoded.layer), decoded.layer)
        XCTAssertEqual(decoded.lr, 1e8)
        XCTAssertEqual(decoded.action, "stop")
        let lossAtFailure = sink.recorded.scalars(Tag.trainLoss).last
        XCTAssertEqual(lossAtFailure?.step, summary.steps)
        XCTAssertFalse(lossAtFailure?.value.isFinite ?? true)
        XCTAssertNotNil(model)
    }

    func testNonFiniteLossRollsBackAndHalvesUntilTrainingRecovers() throws {
        let config = TrainerConfig(
            epochs: 3, batchSize: 16, seed: 7, learningRate: 1e6, nonFinitePolicy: .rollbackAndHalve, maxRollbacks: 60,
            probeEvery: 0)
        let (trainer, model, sink) = try makeTrainer(config: config)
        let summary = try trainer.run()
        XCTAssertEqual(summary.endReason, .completed)
        let rollbacks = sink.recorded.controls().filter { $0.record.action == "rollback" }
        XCTAssertFalse(rollbacks.isEmpty)
        for (_, record) in rollbacks {
            XCTAssertEqual(record.lrAfter, record.lrBefore / 2, accuracy: record.lrBefore * 1e-6)
            XCTAssertEqual(record.source, .rule)
        }
        XCTAssertEqual(sink.recorded.texts(Tag.nonFinite).count, rollbacks.count)
        XCTAssertTrue(model.parameters.allSatisfy { $0.value.isFinite })
    }

    func testCheckpointRoundTripContinuesBitIdentically() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = TrainerConfig(
            epochs: 3, batchSize: 16, seed: 11, learningRate: 0.05, schedule: .cosine(warmupSteps: 3, minLR: 0.001),
            plateau: PlateauConfig(factor: 0.5, patience: 1), probeEvery: 0, checkpointDirectory: directory,
            checkpointEveryEpoch: false, augmentation: Augmentation(noiseStd: 0.05))
        // Run A: checkpoint mid-epoch at step 8 (of 18), run to the end.
        var trainerA: Trainer?
        let checkpointer = ClosureObserver { events in
            if events.contains(where: { $0.tag == Tag.trainLoss && $0.step == 8 }) { trainerA?.send(.checkpoint) }
            return []
        }
        let modelA = try makeMLP(seed: 5, dropout: 0.2)
        let optimizerA = try Optimizer(kind: .adamDefault, learningRate: 0.05)
        let (a, _, sinkA) = try makeTrainer(config: config, model: modelA, observers: [checkpointer], optimizer: optimizerA)
        trainerA = a
        let summaryA = try a.run()
        // Run B: a differently initialized model resumes from the checkpoint.
        let modelB = try makeMLP(seed: 99, dropout: 0.2)
        let optimizerB = try Optimizer(kind: .adamDefault, learningRate: 0.05)
        let (b, _, sinkB) = try makeTrainer(config: config, model: modelB, optimizer: optimizerB)
        try b.restore(fromCheckpoint: directory + "/last.ckpt")
        XCTAssertEqual(b.startStep, 8)
        let summaryB = try b.run()
        XCTAssertEqual(parameterBits(modelB), parameterBits(modelA), "final weights bit-identical")
        let lossesA = sinkA.recorded.scalars(Tag.trainLoss).filter { $0.step > 8 }
        let lossesB = sinkB.recorded.scalars(Tag.trainLoss)
        XCTAssertEqual(lossesB.map(\.step), lossesA.map(\.step))
        XCTAssertEqual(lossesB.map { $0.value.bitPattern }, lossesA.map { $0.value.bitPattern })
        XCTAssertEqual(sinkB.recorded.scalars(Tag.learningRate).filter { $0.step > 8 }.map(\.value),
                       sinkA.recorded.scalars(Tag.learningRate).filter { $0.step > 8 }.map(\.value))
        XCTAssertEqual(summaryB, summaryA)
    }

    func testRestoreRejectsACheckpointOfAnotherModel() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = TrainerConfig(epochs: 1, batchSize: 16, seed: 11, learningRate: 0.05, probeEvery: 0, checkpointDirectory: directory)
        _ = try makeTrainer(config: config).0.run()
        let (other, _, _) = try makeTrainer(config: config, model: try makeMLP(seed: 1, hidden: 8))
        XCTAssertThrowsError(try other.restore(fromCheckpoint: directory + "/last.ckpt")) { error in
            XCTAssertTrue("\(error)".contains("dense1.weight"), "\(error)")
        }
    }
}
