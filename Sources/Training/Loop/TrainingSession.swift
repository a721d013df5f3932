import Datasets
import Engine
import Foundation
import Telemetry

/// The training loop's state and steps. Lives on the training thread only: everything the
/// outside sees goes through `publish` (events), `reportStatus` and the command queue.
final class TrainingSession {
    let model: Sequential
    let optimizer: Optimizer
    var loss: any Loss
    let train: Dataset
    let validation: Dataset?
    let config: TrainerConfig
    let commands: CommandQueue
    /// Called with each boundary's events (the trainer runs observers, the sink and the buffer).
    let publish: ([Event]) -> Void
    let reportStatus: (TrainerStatus) -> Void
    let isInterrupted: () -> Bool
    /// Wakes a paused loop when a command or an interrupt arrives.
    let wake: DispatchSemaphore

    let order: EpochOrder
    let stepsPerEpoch: Int
    let totalSteps: Int
    let probe: LayerProbe
    var progress: RunProgress
    /// Weights to return to after a non-finite step (start, each epoch end, each checkpoint).
    var lastGood: (state: ModelState, step: Int)
    /// The best evaluation's weights (in memory; `best.ckpt` on disk when a directory is set).
    var bestState: ModelState?
    var pending: [Event] = []
    var endReason: EndReason?
    var paused = false
    var consecutiveRollbacks = 0
    var throughput = ThroughputMeter()
    /// The step of the last evaluation, so an epoch end right after a step evaluation does not repeat it.
    var lastEvaluationStep: Int?

    init(
        model: Sequential, optimizer: Optimizer, loss: any Loss, train: Dataset, validation: Dataset?,
        config: TrainerConfig, commands: CommandQueue, wake: DispatchSemaphore,
        publish: @escaping ([Event]) -> Void, reportStatus: @escaping (TrainerStatus) -> Void,
        isInterrupted: @escaping () -> Bool
    ) {
        self.model = model
        self.optimizer = optimizer
        self.loss = loss
        self.train = train
        self.validation = validation
        self.config = config
        self.commands = commands
        self.wake = wake
        self.publish = publish
        self.reportStatus = reportStatus
        self.isInterrupted = isInterrupted
        order = EpochOrder(count: train.count, seed: config.seed)
        stepsPerEpoch = (train.count + config.batchSize - 1) / config.batchSize
        totalSteps = stepsPerEpoch * config.epochs
        probe = LayerProbe(bucketCount: config.histogramBuckets)
        progress = RunProgress(
            step: 0, epoch: 0, batchInEpoch: 0, seed: config.seed,
            learningRate: LearningRateState(schedule: config.schedule, baseRate: config.learningRate, totalSteps: totalSteps),
            plateau: config.plateau.map(PlateauTracker.init), earlyStopping: config.earlyStopping.map(EarlyStoppingTracker.init),
            best: nil, rng: SeededRNG(seed: config.seed ^ 0x7475_6E65_746F_7021), knobs: RegularizationKnobs(
                weightDecay: optimizer.weightDecay, clipGlobalNorm: optimizer.clipGlobalNorm,
                labelSmoothing: (loss as? SoftmaxCrossEntropy)?.labelSmoothing, dropoutRates: [:]))
        model.recordsActivations = true
        lastGood = (ModelState.capture(model: model, optimizer: optimizer), 0)
        progress.knobs = currentKnobs()
    }

    // MARK: Resume

    /// Continues from a checkpoint: weights, optimizer, RNG streams, data position, LR state,
    /// callback counters and regularization knobs.
    func restore(_ checkpoint: TrainerCheckpoint, path: String) throws {
        try checkpoint.model.restore(model: model, optimizer: optimizer, context: path)
        var restored = checkpoint.progress
        guard restored.seed == config.seed else {
            throw TrainingError.checkpoint(path: path, detail: "was written with seed \(restored.seed), this run uses \(config.seed)")
        }
        // The run's plan (epochs) comes from the new config, the position from the checkpoint.
        restored.learningRate.totalSteps = totalSteps
        progress = restored
        try apply(knobs: restored.knobs)
        lastGood = (checkpoint.model, restored.step)
        if let best = restored.best, let directory = config.checkpointDirectory,
           let bestCheckpoint = try? TrainerCheckpoint.read(from: directory + "/best.ckpt"), bestCheckpoint.progress.step == best.step {
            bestState = bestCheckpoint.model
        }
    }

    // MARK: The loop

    /// Runs to the end; returns the summary (also published as `run/summary`).
    func run() throws -> RunSummary {
        emit(Tag.state, .text(TrainerStatus.State.running.rawValue))
        emit(Tag.totalSteps, .scalar(Double(totalSteps)))
        emit(Tag.learningRate, .scalar(Double(currentRate)))
        flush()
        epochs: while progress.epoch < config.epochs {
            emit(Tag.epoch, .scalar(Double(progress.epoch + 1)))
            let batches = try order.batches(epoch: progress.epoch, batchSize: config.batchSize)
            while progress.batchInEpoch < batches.count {
                try stepBoundary()
                if endReason != nil { break epochs }
                try trainStep(Array(batches[progress.batchInEpoch]))
                if endReason == nil, let every = config.evalEverySteps, progress.step % every == 0 {
                    try evaluateAndReact()
                }
                flush()
                if endReason != nil { break epochs }
            }
            progress.epoch += 1
            progress.batchInEpoch = 0
            if let reading = throughput.flush(now: now()) { emitThroughput(reading) }
            if lastEvaluationStep != progress.step { try evaluateAndReact() }
            if progress.epoch < config.epochs || endReason != nil {
                lastGood = (ModelState.capture(model: model, optimizer: optimizer), progress.step)
                if config.checkpointEveryEpoch, let directory = config.checkpointDirectory {
                    try writeCheckpoint(to: directory + "/last.ckpt")
                }
            }
            flush()
            if endReason != nil { break }
        }
        return try finish()
    }

    private func finish() throws -> RunSummary {
        let reason = endReason ?? .completed
        endReason = reason
        switch reason {
        case .userStop:
            if lastEvaluationStep != progress.step { try evaluateAndReact(reactions: false) }
            restoreBestWeights()
        case .earlyStop:
            if config.earlyStopping?.restoreBestWeights ?? true { restoreBestWeights() }
        case .interrupted:
            if let directory = config.checkpointDirectory { try writeCheckpoint(to: directory + "/last.ckpt") }
        case .completed:
            if let directory = config.checkpointDirectory, config.checkpointEveryEpoch {
                try writeCheckpoint(to: directory + "/last.ckpt")
            }
        case .diverged:
            break
        }
        let best = progress.best
        let summary = RunSummary(
            endReason: reason, bestStep: best?.step, bestValLoss: best?.valLoss, bestValAccuracy: best?.valAccuracy,
            steps: progress.step)
        emit(Tag.state, .text(TrainerStatus.State.finished.rawValue))
        emit(Tag.summary, .text(RecordJSON.encode(summary)))
        flush()
        report(state: .finished)
        return summary
    }

    /// Applies queued commands, honours an interrupt, and waits here while paused.
    private func stepBoundary() throws {
        while true {
            for pending in commands.takeAll() { try apply(pending) }
            if isInterrupted() {
                endReason = .interrupted
                return
            }
            if endReason != nil || !paused { break }
            report(state: .paused)
            flush()
            _ = wake.wait(timeout: .now() + .milliseconds(100))
        }
        report(state: .running)
    }

    /// One optimization step on the examples at `indices`.
    private func trainStep(_ indices: [Int]) throws {
        let rate = currentRate
        optimizer.learningRate = max(rate, .leastNormalMagnitude)
        var batch = train.batch(indices)
        if let augmentation = config.augmentation, !augmentation.isIdentity {
            try augmentation.apply(to: &batch.features, rng: &progress.rng)
        }
        model.zeroGradients()
        let output = try model.forward(batch.features, training: true)
        let result = try loss.evaluate(output, labels: batch.labels)
        progress.step += 1
        progress.batchInEpoch += 1
        let step = progress.step
        let time = now()
        if !result.loss.isFinite {
            try handleNonFinite(loss: result.loss, phase: "forward", layer: model.firstNonFiniteActivation ?? "loss", rate: rate)
            return
        }
        _ = try model.backward(result.gradient)
        if let bad = model.parameters.first(where: { !$0.gradient.isFinite }) {
            let layer = model.firstNonFiniteGradient ?? String(bad.name.split(separator: ".").first ?? "")
            try handleNonFinite(loss: result.loss, phase: "backward", layer: layer, rate: rate)
            return
        }
        let probing = config.probeEvery > 0 && (step - 1) % config.probeEvery == 0
        let probeStart = probing ? probe.begin(model: model, step: step, wallTime: time) : nil
        try optimizer.step(model.parameters)
        consecutiveRollbacks = 0
        if step % config.logEvery == 0 || step == totalSteps {
            emit(Tag.trainLoss, .scalar(Double(result.loss)), at: time)
            emit(Tag.trainAccuracy, .scalar(accuracy(output, labels: batch.labels)), at: time)
            emit(Tag.learningRate, .scalar(Double(rate)), at: time)
        }
        if let probeStart { pending.append(contentsOf: probe.finish(probeStart, model: model, step: step, wallTime: time)) }
        if let reading = throughput.record(examples: indices.count, now: now()) { emitThroughput(reading) }
        report(state: .running)
    }

    /// A NaN/Inf loss or gradient: the update is skipped, the event names where it started,
    /// then the policy stops the run or rolls back with the LR halved.
    private func handleNonFinite(loss value: Float, phase: String, layer: String, rate: Float) throws {
        model.zeroGradients()
        let rollback = config.nonFinitePolicy == .rollbackAndHalve && consecutiveRollbacks < config.maxRollbacks
        let record = NonFiniteRecord(
            step: progress.step, lr: Double(rate), phase: phase, layer: layer, loss: "\(value)",
            action: rollback ? NonFinitePolicy.rollbackAndHalve.rawValue : NonFinitePolicy.stop.rawValue)
        emit(Tag.trainLoss, .scalar(Double(value)))
        emit(Tag.nonFinite, .text(RecordJSON.encode(record)))
        guard rollback else {
            endReason = .diverged
            return
        }
        consecutiveRollbacks += 1
        let before = currentRate
        try lastGood.state.restore(model: model, optimizer: optimizer, context: "last good weights")
        progress.learningRate.scale(by: 0.5)
        progress.plateau?.noteManualChange()
        emitControl(
            action: "rollback", source: .rule, before: before,
            detail: "non-finite \(phase) at step \(progress.step) in \(layer): restored the weights of step \(lastGood.step), LR halved")
    }

    // MARK: Evaluation

    /// Mean loss and accuracy over `dataset`, in inference mode.
    func evaluate(_ dataset: Dataset) throws -> (loss: Double, accuracy: Double) {
        let size = max(config.batchSize, 256)
        var totalLoss = 0.0, correct = 0.0
        var start = 0
        while start < dataset.count {
            let end = min(start + size, dataset.count)
            let batch = dataset.batch(start..<end)
            let output = try model.forward(batch.features, training: false)
            let result = try loss.evaluate(output, labels: batch.labels)
            totalLoss += Double(result.loss) * Double(end - start)
            correct += accuracy(output, labels: batch.labels) * Double(end - start)
            start = end
        }
        let count = Double(max(1, dataset.count))
        return (totalLoss / count, correct / count)
    }

    /// Evaluates on the validation split, tracks the best, and lets reduce-on-plateau and
    /// early stopping react.
    private func evaluateAndReact(reactions: Bool = true) throws {
        guard let validation, validation.count > 0 else { return }
        let result = try evaluate(validation)
        throughput.restart()
        lastEvaluationStep = progress.step
        emit(Tag.valLoss, .scalar(result.loss))
        emit(Tag.valAccuracy, .scalar(result.accuracy))
        if result.loss.isFinite, result.loss < progress.best?.valLoss ?? .infinity {
            progress.best = BestEvaluation(step: progress.step, valLoss: result.loss, valAccuracy: result.accuracy)
            bestState = ModelState.capture(model: model, optimizer: optimizer)
            if let directory = config.checkpointDirectory { try writeCheckpoint(to: directory + "/best.ckpt") }
        }
        guard reactions else { return }
        if progress.earlyStopping?.observe(valLoss: result.loss) == .stop {
            endReason = .earlyStop
            return
        }
        guard var plateau = progress.plateau else { return }
        let before = currentRate
        let decision = plateau.observe(valLoss: result.loss, learningRate: before)
        progress.plateau = plateau
        switch decision {
        case .keep:
            break
        case .reduce(let rate):
            progress.learningRate.set(rate, atStep: progress.step)
            emitControl(
                action: Command.setLearningRate(Double(rate)).action, source: .schedule, before: before,
                detail: "reduce on plateau: val loss not \(plateau.config.minDelta) below \(plateau.best) for \(plateau.config.patience) evaluations")
        case .stop:
            endReason = .earlyStop
        }
    }

    // MARK: Best weights and checkpoints

    private func restoreBestWeights() {
        guard let bestState else { return }
        try? bestState.restore(model: model, optimizer: optimizer, context: "best weights")
    }

    func writeCheckpoint(to path: String) throws {
        progress.knobs = currentKnobs()
        let checkpoint = TrainerCheckpoint(model: ModelState.capture(model: model, optimizer: optimizer), progress: progress)
        try checkpoint.write(to: path)
    }

    // MARK: Events

    var currentRate: Float { progress.learningRate.rate(atStep: progress.step) }

    func now() -> Double { Date().timeIntervalSince1970 }

    func emit(_ tag: String, _ value: Value, at time: Double? = nil) {
        pending.append(Event(step: progress.step, wallTime: time ?? now(), tag: tag, value: value))
    }

    func emitControl(action: String, source: CommandSource, before: Float, detail: String?) {
        let after = currentRate
        let record = ControlRecord(action: action, source: source, lrBefore: Double(before), lrAfter: Double(after), detail: detail)
        emit(Tag.control, .text(RecordJSON.encode(record)))
        if after != before { emit(Tag.learningRate, .scalar(Double(after))) }
    }

    private func emitThroughput(_ reading: ThroughputMeter.Reading) {
        emit(Tag.examplesPerSecond, .scalar(reading.examplesPerSecond))
        if reading.stepsPerSecond > 0 {
            emit(Tag.etaSeconds, .scalar(Double(max(0, totalSteps - progress.step)) / reading.stepsPerSecond))
        }
    }

    func flush() {
        guard !pending.isEmpty else { return }
        let events = pending
        pending.removeAll(keepingCapacity: true)
        publish(events)
    }

    func report(state: TrainerStatus.State) {
        reportStatus(TrainerStatus(step: progress.step, epoch: progress.epoch + (state == .finished ? 0 : 1), learningRate: currentRate, state: state))
    }
}

/// The JSON body of an `events/nonfinite` event.
struct NonFiniteRecord: Codable, Equatable {
    var step: Int
    var lr: Double
    /// `forward` (an activation or the loss) or `backward` (a gradient).
    var phase: String
    /// The first layer with a non-finite value in that phase (`loss` when only the loss was).
    var layer: String
    /// The loss as text (`nan`, `inf`, or a number when only a gradient was non-finite).
    var loss: String
    /// `stop` or `rollback_and_halve`.
    var action: String
}
