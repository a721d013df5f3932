// Shapes: X [N, in], W [in, out·k], b [out·k], Z = X·W + b viewed [N, out, k],
// Y [N, out] = max over the k pieces. backward routes dY to the winning piece, then as Dense.

/// Maxout units: each output is the max of `pieces` linear functions of the input.
public final class Maxout: Layer {
    public var name: String
    /// [in, out·pieces], piece p of unit o in column o·pieces + p.
    public let weight: Parameter
    /// [out·pieces].
    public let bias: Parameter
    public var parameters: [Parameter] { [weight, bias] }
    public let inputSize: Int
    public let outputSize: Int
    public let pieces: Int
    private var input: Tensor?
    private var winners: [Int] = []

    public init(
        name: String, inputSize: Int, outputSize: Int, pieces: Int, weightInit: Initializer = .glorotUniform,
        rng: inout SeededRNG
    ) throws {
        guard inputSize > 0, outputSize > 0 else {
            throw EngineError.invalidHyperparameter(
                context: name, name: "size", value: "\(inputSize)→\(outputSize)", allowed: "both > 0")
        }
        guard pieces >= 2 else {
            throw EngineError.invalidHyperparameter(context: name, name: "pieces", value: "\(pieces)", allowed: "≥ 2")
        }
        try weightInit.validate(context: name)
        self.name = name
        self.inputSize = inputSize
        self.outputSize = outputSize
        self.pieces = pieces
        weight = Parameter(name: "\(name).weight", value: weightInit.make(shape: [inputSize, outputSize * pieces], rng: &rng))
        bias = Parameter(name: "\(name).bias", value: Tensor(shape: [outputSize * pieces]), isDecayed: false)
    }

    public func forward(_ input: Tensor, training: Bool) throws -> Tensor {
        try LayerCheck.matrix(input, features: inputSize, layer: name)
        self.input = input
        let rows = input.rowCount
        let width = outputSize * pieces
        var z = Tensor(shape: [rows, width])
        for r in 0..<rows {
            for j in 0..<width { z.storage[r * width + j] = bias.value.storage[j] }
        }
        try GEMM.multiply(input, weight.value, into: &z, beta: 1)
        var output = Tensor(shape: [rows, outputSize])
        winners = [Int](repeating: 0, count: rows * outputSize)
        for r in 0..<rows {
            for o in 0..<outputSize {
                let base = r * width + o * pieces
                var best = 0
                for p in 1..<pieces where z.storage[base + p] > z.storage[base + best] { best = p }
                winners[r * outputSize + o] = best
                output.storage[r * outputSize + o] = z.storage[base + best]
            }
        }
        return output
    }

    public func backward(_ outputGradient: Tensor) throws -> Tensor {
        guard let input else {
            throw EngineError.invalidState(context: name, detail: "backward called before forward")
        }
        try LayerCheck.gradient(outputGradient, matches: [input.rowCount, outputSize], layer: name)
        let rows = input.rowCount
        let width = outputSize * pieces
        var dz = Tensor(shape: [rows, width])
        for r in 0..<rows {
            for o in 0..<outputSize {
                let i = r * outputSize + o
                dz.storage[r * width + o * pieces + winners[i]] = outputGradient.storage[i]
            }
        }
        try GEMM.multiply(input, dz, into: &weight.gradient, transposeA: true, beta: 1)
        dz.sumRows(into: &bias.gradient.storage, width: width)
        return try GEMM.multiply(dz, weight.value, transposeB: true)
    }
}
