// Shapes: X [N, in], W [in, out], b [out], Y [N, out].
//   forward:  Y = X·W + b
//   backward: dW += Xᵀ·dY, db += Σ_N dY, dX = dY·Wᵀ

/// A fully connected layer.
public final class Dense: Layer {
    public var name: String
    /// [in, out], decayed.
    public let weight: Parameter
    /// [out], not decayed.
    public let bias: Parameter
    public var parameters: [Parameter] { [weight, bias] }
    /// Input features.
    public let inputSize: Int
    /// Output features.
    public let outputSize: Int
    private var input: Tensor?

    /// Weights from `weightInit` (He normal by default, for ReLU nets), biases from `biasInit`
    /// (zeros by default).
    public init(
        name: String, inputSize: Int, outputSize: Int, weightInit: Initializer = .heNormal,
        biasInit: Initializer = .zeros, rng: inout SeededRNG
    ) throws {
        guard inputSize > 0, outputSize > 0 else {
            throw EngineError.invalidHyperparameter(
                context: name, name: "size", value: "\(inputSize)→\(outputSize)", allowed: "both > 0")
        }
        try weightInit.validate(context: name)
        try biasInit.validate(context: name)
        self.name = name
        self.inputSize = inputSize
        self.outputSize = outputSize
        weight = Parameter(name: "\(name).weight", value: weightInit.make(shape: [inputSize, outputSize], rng: &rng))
        bias = Parameter(name: "\(name).bias", value: biasInit.make(shape: [outputSize], rng: &rng), isDecayed: false)
    }

    public func forward(_ input: Tensor, training: Bool) throws -> Tensor {
        try LayerCheck.matrix(input, features: inputSize, layer: name)
        self.input = input
        let rows = input.rowCount
        // Start from the broadcast bias so the GEMM accumulates onto it (beta = 1).
        var output = Tensor(shape: [rows, outputSize])
        output.storage.withUnsafeMutableBufferPointer { out in
            bias.value.storage.withUnsafeBufferPointer { b in
                for i in 0..<rows {
                    (out.baseAddress! + i * outputSize).update(from: b.baseAddress!, count: outputSize)
                }
            }
        }
        try GEMM.multiply(input, weight.value, into: &output, beta: 1)
        return output
    }

    public func backward(_ outputGradient: Tensor) throws -> Tensor {
        try accumulateParameterGradients(outputGradient)
        return try GEMM.multiply(outputGradient, weight.value, transposeB: true)
    }

    public func accumulateParameterGradients(_ outputGradient: Tensor) throws {
        guard let input else {
            throw EngineError.invalidState(context: name, detail: "backward called before forward")
        }
        try LayerCheck.gradient(outputGradient, matches: [input.rowCount, outputSize], layer: name)
        try GEMM.multiply(input, outputGradient, into: &weight.gradient, transposeA: true, beta: 1)
        outputGradient.sumRows(into: &bias.gradient.storage, width: outputSize)
    }
}
