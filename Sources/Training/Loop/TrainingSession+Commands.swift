import Engine
import Telemetry

/// Commands, applied at a step boundary, each recorded as one `events/control` event with
/// the LR of the next step before and after.
extension TrainingSession {
    func apply(_ pending: PendingCommand) throws {
        let before = currentRate
        var detail = pending.detail
        func note(_ text: String) { detail = detail.map { "\($0); \(text)" } ?? text }
        do {
            switch pending.command {
            case .scaleLearningRate(let factor):
                guard factor > 0, factor.isFinite else { throw rejection("LR factor \(factor) must be > 0") }
                progress.learningRate.scale(by: Float(factor))
                progress.plateau?.noteManualChange()
            case .setLearningRate(let rate):
                guard rate > 0, rate.isFinite else { throw rejection("LR \(rate) must be > 0") }
                progress.learningRate.set(Float(rate), atStep: progress.step)
                progress.plateau?.noteManualChange()
            case .pause:
                paused = true
                throughput.restart()
            case .resume:
                paused = false
                throughput.restart()
            case .checkpoint:
                lastGood = (ModelState.capture(model: model, optimizer: optimizer), progress.step)
                if let directory = config.checkpointDirectory {
                    let path = directory + "/last.ckpt"
                    try writeCheckpoint(to: path)
                    note("wrote \(path)")
                } else {
                    note("kept in memory (no checkpoint directory)")
                }
            case .stopEarly:
                endReason = .userStop
                paused = false
            case .rollbackToBest:
                let target = bestState.map { ($0, progress.best?.step ?? 0) } ?? lastGood
                try target.0.restore(model: model, optimizer: optimizer, context: "best weights")
                progress.learningRate.scale(by: 0.5)
                progress.plateau?.noteManualChange()
                note("restored the weights of step \(target.1), LR halved")
            case .setDropout(let rate):
                guard rate >= 0, rate < 1 else { throw rejection("dropout \(rate) must be in [0, 1)") }
                var names: [String] = []
                for layer in model.layers {
                    if let dropout = layer as? Dropout {
                        try dropout.setRate(Float(rate))
                    } else if let dropout = layer as? Dropout2D {
                        dropout.rate = Float(rate)
                    } else {
                        continue
                    }
                    names.append(layer.name)
                }
                guard !names.isEmpty else { throw rejection("the model has no dropout layer") }
                note("dropout \(rate) on \(names.joined(separator: ", "))")
            case .setWeightDecay(let decay):
                guard decay >= 0, decay.isFinite else { throw rejection("weight decay \(decay) must be ≥ 0") }
                optimizer.weightDecay = Float(decay)
                note("weight decay \(decay)")
            case .setGradientClip(let norm):
                guard norm >= 0, norm.isFinite else { throw rejection("gradient clip \(norm) must be ≥ 0 (0 turns it off)") }
                optimizer.clipGlobalNorm = norm > 0 ? Float(norm) : nil
                note(norm > 0 ? "clip global norm at \(norm)" : "gradient clipping off")
            case .setLabelSmoothing(let smoothing):
                guard var crossEntropy = loss as? SoftmaxCrossEntropy else {
                    throw rejection("label smoothing needs softmax cross-entropy")
                }
                guard smoothing >= 0, smoothing < 1 else { throw rejection("label smoothing \(smoothing) must be in [0, 1)") }
                crossEntropy.labelSmoothing = Float(smoothing)
                loss = crossEntropy
                note("label smoothing \(smoothing)")
            }
        } catch let error as CommandRejection {
            note("rejected: \(error.reason)")
        } catch let error as EngineError {
            note("rejected: \(error)")
        }
        progress.knobs = currentKnobs()
        emitControl(action: pending.command.action, source: pending.source, before: before, detail: detail)
        if case .pause = pending.command { emit(Tag.state, .text(TrainerStatus.State.paused.rawValue)) }
        if case .resume = pending.command { emit(Tag.state, .text(TrainerStatus.State.running.rawValue)) }
        if case .stopEarly = pending.command { emit(Tag.state, .text(TrainerStatus.State.stopping.rawValue)) }
    }

    /// The knobs as they are now (saved in checkpoints).
    func currentKnobs() -> RegularizationKnobs {
        var rates: [String: Float] = [:]
        for layer in model.layers {
            if let dropout = layer as? Dropout { rates[layer.name] = dropout.rate }
            if let dropout = layer as? Dropout2D { rates[layer.name] = dropout.rate }
        }
        return RegularizationKnobs(
            weightDecay: optimizer.weightDecay, clipGlobalNorm: optimizer.clipGlobalNorm,
            labelSmoothing: (loss as? SoftmaxCrossEntropy)?.labelSmoothing, dropoutRates: rates)
    }

    /// Puts saved knobs back (resume).
    func apply(knobs: RegularizationKnobs) throws {
        optimizer.weightDecay = knobs.weightDecay
        optimizer.clipGlobalNorm = knobs.clipGlobalNorm
        if let smoothing = knobs.labelSmoothing, var crossEntropy = loss as? SoftmaxCrossEntropy {
            crossEntropy.labelSmoothing = smoothing
            loss = crossEntropy
        }
        for layer in model.layers {
            guard let rate = knobs.dropoutRates[layer.name] else { continue }
            if let dropout = layer as? Dropout { try dropout.setRate(rate) }
            if let dropout = layer as? Dropout2D { dropout.rate = rate }
        }
    }

    private func rejection(_ reason: String) -> CommandRejection { CommandRejection(reason: reason) }
}

/// A command whose value cannot apply; it is still recorded, with the reason.
struct CommandRejection: Error {
    var reason: String
}
