import Foundation
import Training

/// The trainer's settings from a `RunConfig`. The config speaks in epochs where people
/// think in epochs (step decay every N epochs, exponential decay per epoch); the trainer's
/// schedules are functions of the step, so those are converted with the steps per epoch.
enum TrainerSettingsFactory {
    static func make(_ config: RunConfig, trainCount: Int) -> TrainerConfig {
        let stepsPerEpoch = max(1, (trainCount + config.batchSize - 1) / config.batchSize)
        return TrainerConfig(
            epochs: config.epochs, batchSize: config.batchSize, seed: config.seed,
            learningRate: Float(config.optimizer.learningRate),
            schedule: schedule(config.schedule, stepsPerEpoch: stepsPerEpoch),
            plateau: config.plateau.map {
                PlateauConfig(
                    factor: Float($0.factor), patience: $0.patience, minDelta: $0.minDelta, cooldown: $0.cooldown,
                    minLR: Float($0.minLR), stopAtMinimum: $0.halveUntilMin)
            },
            earlyStopping: config.earlyStopping.map {
                EarlyStoppingConfig(patience: $0.patience, minDelta: $0.minDelta, restoreBestWeights: $0.restoreBest)
            },
            nonFinitePolicy: config.nanPolicy == .stop ? .stop : .rollbackAndHalve,
            probeEvery: config.probeEvery,
            evalEverySteps: config.evalEvery == 0 ? nil : config.evalEvery)
    }

    static func schedule(_ settings: ScheduleSettings, stepsPerEpoch: Int) -> LRSchedule {
        switch settings.curve {
        case .constant: return .constant
        case .step(let epochs, let gamma): return .step(every: epochs * stepsPerEpoch, gamma: Float(gamma))
        case .exponential(let gamma): return .exponential(gamma: Float(pow(gamma, 1 / Double(stepsPerEpoch))))
        case .cosine(let minLR, let warmupSteps): return .cosine(warmupSteps: warmupSteps, minLR: Float(minLR))
        case .linear(let endLR): return .linearDecay(to: Float(endLR))
        case .oneCycle(let maxLR, let pctStart): return .oneCycle(maxLR: Float(maxLR), pctStart: Float(pctStart))
        }
    }
}
