import Foundation

/// How a parameter tensor is filled at construction: pure functions of shape, fans and RNG.
/// Fans follow the usual convention for weights laid out [..., in, out] (Dense [in, out],
/// conv HWIO): fanIn = receptive field × in, fanOut = receptive field × out.
public enum Initializer: Sendable, Equatable, Codable {
    case zeros
    case constant(Float)
    case uniform(low: Float, high: Float)
    case normal(mean: Float, std: Float)
    /// U(±√(6 / (fanIn + fanOut))): keeps variance through tanh/sigmoid layers.
    case glorotUniform
    /// N(0, 2 / (fanIn + fanOut)).
    case glorotNormal
    /// U(±√(6 / fanIn)): keeps variance through ReLU layers.
    case heUniform
    /// N(0, 2 / fanIn).
    case heNormal

    /// (fanIn, fanOut) of a weight of this shape.
    public static func fans(of shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        switch shape.count {
        case 0: return (1, 1)
        case 1: return (shape[0], shape[0])
        default:
            let receptive = shape.dropLast(2).reduce(1, *)
            return (receptive * shape[shape.count - 2], receptive * shape[shape.count - 1])
        }
    }

    /// Throws when the initializer's own numbers are invalid (low ≥ high, std < 0, non-finite).
    public func validate(context: String) throws {
        switch self {
        case .constant(let value) where !value.isFinite:
            throw EngineError.invalidHyperparameter(
                context: context, name: "constant initializer", value: "\(value)", allowed: "finite")
        case .uniform(let low, let high) where !(low < high) || !low.isFinite || !high.isFinite:
            throw EngineError.invalidHyperparameter(
                context: context, name: "uniform initializer", value: "low \(low) high \(high)",
                allowed: "finite low < high")
        case .normal(let mean, let std) where !(std >= 0) || !mean.isFinite || !std.isFinite:
            throw EngineError.invalidHyperparameter(
                context: context, name: "normal initializer", value: "mean \(mean) std \(std)",
                allowed: "finite mean, std ≥ 0")
        default:
            break
        }
    }

    /// A tensor of `shape` drawn from this distribution.
    public func make(shape: [Int], rng: inout SeededRNG) -> Tensor {
        let (fanIn, fanOut) = Initializer.fans(of: shape)
        switch self {
        case .zeros:
            return Tensor(shape: shape)
        case .constant(let value):
            return Tensor(shape: shape, repeating: value)
        case .uniform(let low, let high):
            return .uniform(shape: shape, low: low, high: high, rng: &rng)
        case .normal(let mean, let std):
            return .normal(shape: shape, mean: mean, std: std, rng: &rng)
        case .glorotUniform:
            let limit = (6 / Float(max(1, fanIn + fanOut))).squareRoot()
            return .uniform(shape: shape, low: -limit, high: limit, rng: &rng)
        case .glorotNormal:
            return .normal(shape: shape, std: (2 / Float(max(1, fanIn + fanOut))).squareRoot(), rng: &rng)
        case .heUniform:
            let limit = (6 / Float(max(1, fanIn))).squareRoot()
            return .uniform(shape: shape, low: -limit, high: limit, rng: &rng)
        case .heNormal:
            return .normal(shape: shape, std: (2 / Float(max(1, fanIn))).squareRoot(), rng: &rng)
        }
    }
}
