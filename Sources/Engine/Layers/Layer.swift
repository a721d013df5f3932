/// A trainable tensor and its gradient, named by dotted path (`dense1.weight`); the same
/// name appears in telemetry, checkpoints and the UI.
public final class Parameter {
    /// Dotted path, set by the model that owns the layer.
    public var name: String
    /// Current value.
    public var value: Tensor
    /// Gradient accumulated by `backward` (`+=`), zeroed once per step by the optimizer.
    public var gradient: Tensor
    /// Per-parameter learning-rate multiplier (fine-tuning reused layers at a lower LR).
    public var learningRateMultiplier: Float = 1
    /// Whether weight decay / L1 / L2 apply (biases and norm scales usually opt out).
    public var isDecayed: Bool

    /// Creates a parameter with a zero gradient of the same shape.
    public init(name: String, value: Tensor, isDecayed: Bool = true) {
        self.name = name
        self.value = value
        self.gradient = Tensor(shape: value.shape)
        self.isDecayed = isDecayed
    }
}

/// A network layer: forward and backward side by side. `forward` caches what `backward`
/// needs; `backward` adds parameter gradients and returns the gradient of its input.
public protocol Layer: AnyObject {
    /// The layer's name (unique within a model), the prefix of its parameters' names.
    var name: String { get set }
    /// Trainable parameters (empty for activations).
    var parameters: [Parameter] { get }
    /// Computes the output for a batch; `training` switches dropout / batch statistics.
    func forward(_ input: Tensor, training: Bool) throws -> Tensor
    /// Given dLoss/dOutput of the last forward, accumulates parameter gradients and
    /// returns dLoss/dInput.
    func backward(_ outputGradient: Tensor) throws -> Tensor
    /// Which unit-health probe applies to this layer's output (default `.none`).
    var activationFamily: ActivationFamily { get }
    /// Non-trainable state for checkpoints, keyed by local name (default: none).
    var buffers: [String: Tensor] { get }
    /// Restores state saved from `buffers`; throws naming the key or shape that does not fit.
    func loadBuffers(_ buffers: [String: Tensor]) throws
    /// `backward` for the first layer of a model, whose input is data: accumulates parameter
    /// gradients and may skip computing dLoss/dInput (Dense saves a third of its backward).
    func accumulateParameterGradients(_ outputGradient: Tensor) throws
}

/// What a layer's outputs mean for the trainer's health probes: ReLU-like units can die
/// (output exactly 0 for every sample); saturating units pin at their bounds.
public enum ActivationFamily: Sendable, Equatable {
    /// No unit-health probe applies (linear layers, reshapes, normalization).
    case none
    /// ReLU-like: a unit is dead when its output is ≤ 0 for the whole batch.
    case reluFamily
    /// Bounded: a unit is saturated when its output is within a small margin of a bound.
    case saturating(lower: Float, upper: Float)
}

extension Layer {
    public func accumulateParameterGradients(_ outputGradient: Tensor) throws {
        _ = try backward(outputGradient)
    }

    /// Layers are probed as linear unless they say otherwise.
    public var activationFamily: ActivationFamily { .none }
    /// Non-trainable state a checkpoint must keep (BatchNorm's running statistics).
    public var buffers: [String: Tensor] { [:] }
    /// Restores `buffers`; layers without state accept only an empty dictionary.
    public func loadBuffers(_ buffers: [String: Tensor]) throws {
        guard buffers.isEmpty else {
            throw EngineError.invalidState(
                context: name, detail: "has no buffers, checkpoint holds \(buffers.keys.sorted())")
        }
    }
}

/// Checks shared by layers' forward passes, so every error names the layer and the shape.
enum LayerCheck {
    /// Throws unless `input` is [N, features].
    static func matrix(_ input: Tensor, features: Int, layer: String) throws {
        guard input.rank == 2, input.shape[1] == features else {
            throw EngineError.shapeMismatch(
                context: layer, detail: "expects input [N, \(features)], got \(input.shape)")
        }
    }

    /// Throws unless the gradient has the shape of the cached forward output.
    static func gradient(_ gradient: Tensor, matches shape: [Int]?, layer: String) throws {
        guard let shape else {
            throw EngineError.invalidState(context: layer, detail: "backward called before forward")
        }
        guard gradient.shape == shape else {
            throw EngineError.shapeMismatch(
                context: layer, detail: "output gradient \(gradient.shape) does not match output \(shape)")
        }
    }
}
