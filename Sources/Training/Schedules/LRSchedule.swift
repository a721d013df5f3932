import Foundation

/// A learning-rate schedule: a pure function from the global step (0-based) to a rate,
/// given the base rate and the run's planned length. Pure so that a resumed run, a test
/// and the dashboard all compute the same value for a step.
///
/// Manual changes (keys, rules, reduce-on-plateau) do not edit the schedule: they scale it
/// from then on through `LearningRateState.multiplier` (see there).
public enum LRSchedule: Sendable, Equatable, Codable {
    /// The base rate at every step.
    case constant
    /// `base × gamma^⌊step / every⌋` (PyTorch `StepLR`, counted in steps).
    case step(every: Int, gamma: Float)
    /// `base × gamma^step` (per step, not per epoch: pick gamma close to 1, e.g. 0.9995).
    case exponential(gamma: Float)
    /// Linear warmup from `base / warmupSteps` to `base` over `warmupSteps` steps, then a
    /// half cosine from `base` down to `minLR` at the last planned step.
    case cosine(warmupSteps: Int, minLR: Float)
    /// Linear from `base` at step 0 to `to` at the last planned step.
    case linearDecay(to: Float)
    /// PyTorch's `OneCycleLR` (cosine annealing, two phases): from `maxLR / divFactor` up
    /// to `maxLR` over `pctStart` of the run, then down to `maxLR / (divFactor × finalDivFactor)`.
    /// The base rate is ignored: the cycle defines every rate.
    case oneCycle(maxLR: Float, pctStart: Float = 0.3, divFactor: Float = 25, finalDivFactor: Float = 1e4)

    /// Checks the schedule's own numbers; throws with the offending value.
    public func validate() throws {
        func bad(_ name: String, _ value: Any, _ allowed: String) -> TrainingError {
            .invalidConfig(name: "schedule.\(name)", value: "\(value)", allowed: allowed)
        }
        switch self {
        case .constant: break
        case .step(let every, let gamma):
            guard every > 0 else { throw bad("every", every, "> 0") }
            guard gamma > 0, gamma.isFinite else { throw bad("gamma", gamma, "> 0") }
        case .exponential(let gamma):
            guard gamma > 0, gamma.isFinite else { throw bad("gamma", gamma, "> 0") }
        case .cosine(let warmupSteps, let minLR):
            guard warmupSteps >= 0 else { throw bad("warmupSteps", warmupSteps, ">= 0") }
            guard minLR >= 0, minLR.isFinite else { throw bad("minLR", minLR, ">= 0") }
        case .linearDecay(let to):
            guard to >= 0, to.isFinite else { throw bad("to", to, ">= 0") }
        case .oneCycle(let maxLR, let pctStart, let divFactor, let finalDivFactor):
            guard maxLR > 0, maxLR.isFinite else { throw bad("maxLR", maxLR, "> 0") }
            guard pctStart > 0, pctStart < 1 else { throw bad("pctStart", pctStart, "in (0, 1)") }
            guard divFactor >= 1 else { throw bad("divFactor", divFactor, ">= 1") }
            guard finalDivFactor >= 1 else { throw bad("finalDivFactor", finalDivFactor, ">= 1") }
        }
    }

    /// The scheduled rate at `step` (0-based) of a run planned for `totalSteps` steps.
    public func rate(atStep step: Int, base: Float, totalSteps: Int) -> Float {
        let step = max(0, step)
        let last = Float(max(1, totalSteps - 1))
        switch self {
        case .constant:
            return base
        case .step(let every, let gamma):
            return base * powf(gamma, Float(step / max(1, every)))
        case .exponential(let gamma):
            return base * powf(gamma, Float(step))
        case .cosine(let warmupSteps, let minLR):
            if step < warmupSteps {
                return base * Float(step + 1) / Float(warmupSteps)
            }
            let span = max(1, last - Float(warmupSteps))
            let progress = min(1, Float(step - warmupSteps) / span)
            return minLR + (base - minLR) * 0.5 * (1 + cosf(Float.pi * progress))
        case .linearDecay(let to):
            let progress = min(1, Float(step) / last)
            return base + (to - base) * progress
        case .oneCycle(let maxLR, let pctStart, let divFactor, let finalDivFactor):
            let initial = maxLR / divFactor
            let final = initial / finalDivFactor
            let peakStep = pctStart * Float(max(1, totalSteps)) - 1
            let position = Float(step)
            if position <= peakStep {
                return Self.cosineAnneal(from: initial, to: maxLR, progress: position / max(1, peakStep))
            }
            let progress = (position - peakStep) / max(1, last - peakStep)
            return Self.cosineAnneal(from: maxLR, to: final, progress: min(1, progress))
        }
    }

    /// PyTorch's `_annealing_cos`: from `start` at 0 to `end` at 1 along a half cosine.
    private static func cosineAnneal(from start: Float, to end: Float, progress: Float) -> Float {
        end + (start - end) / 2 * (1 + cosf(Float.pi * progress))
    }
}
