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
}
