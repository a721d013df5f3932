// Shape legend: N batch, C input channels, H×W input, OC output channels, KH×KW kernel,
// OH×OW output, K = C·KH·KW patch length, P = OH·OW output positions.

/// A 2-D convolution over NCHW images: `y[n, o] = Σ_c w[o, c] ⋆ x[n, c] + b[o]`.
/// Computed as im2col + matrix product per sample (measured faster than a direct loop nest,
/// see DECISIONS.md); the patch columns are kept from forward for the weight gradient.
public final class Conv2D: Layer {
    /// Zero padding around each image.
    public enum Padding: Sendable, Equatable {
        /// Output `ceil(H / stride)`: pads `(kernel - 1) / 2` on each side (odd kernels only).
        case same
        /// No padding: output `(H - kernel) / stride + 1`.
        case valid
        /// This many zero rows/columns on every side.
        case explicit(Int)
    }

    public var name: String {
        didSet { nameParameters() }
    }
    public let inChannels: Int
    public let outChannels: Int
    public let kernelSize: Int
    public let stride: Int
    public let padding: Padding
    /// Zero rows/columns added on each side, resolved from `padding`.
    public let paddingAmount: Int
    /// Filters `[OC, C, KH, KW]`.
    public let weight: Parameter
    /// Per-output-channel offsets `[OC]`, absent when built with `bias: false` (before a BN).
    public let bias: Parameter?

    public var parameters: [Parameter] { bias.map { [weight, $0] } ?? [weight] }

    /// Geometry and patch columns `[N, K, P]` of the last training forward.
    private var cachedGeometry: WindowGeometry?
    /// im2col for the last input shape (its masks are built once per shape, not per sample).
    private var cachedTransform: ColumnTransform?
    private var cachedBatch = 0
    private var columns: [Float] = []

    /// Builds the layer with filters from `weightInit` (He normal by default, fans
    /// `C·KH·KW` in and `OC·KH·KW` out) and zero biases; throws on a non-positive size or
    /// stride, negative padding, or `.same` with an even kernel (which would need lopsided
    /// padding).
    public init(
        name: String, inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1,
        padding: Padding = .valid, bias: Bool = true, weightInit: Initializer = .heNormal, rng: inout SeededRNG
    ) throws {
        try weightInit.validate(context: name)
        try requireAtLeast(1, inChannels, name: "inChannels", layer: name)
        try requireAtLeast(1, outChannels, name: "outChannels", layer: name)
        try requireAtLeast(1, kernelSize, name: "kernelSize", layer: name)
        try requireAtLeast(1, stride, name: "stride", layer: name)
        switch padding {
        case .valid:
            paddingAmount = 0
        case .same:
            guard kernelSize % 2 == 1 else {
                throw EngineError.invalidHyperparameter(
                    context: name, name: "padding", value: ".same with kernelSize \(kernelSize)",
                    allowed: ".same needs an odd kernel; use .explicit")
            }
            paddingAmount = (kernelSize - 1) / 2
        case .explicit(let amount):
            try requireAtLeast(0, amount, name: "padding", layer: name)
            paddingAmount = amount
        }
        self.name = name
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        // Drawn as [KH, KW, C, OC] so `Initializer`'s fan convention ([…, in, out]) applies;
        // the entries are i.i.d., so viewing them as [OC, C, KH, KW] changes no distribution.
        let filters = try weightInit.make(shape: [kernelSize, kernelSize, inChannels, outChannels], rng: &rng)
            .reshaped([outChannels, inChannels, kernelSize, kernelSize])
        self.weight = Parameter(name: "", value: filters)
        self.bias = bias ? Parameter(name: "", value: Tensor(shape: [outChannels]), isDecayed: false) : nil
        nameParameters()
    }

    private func nameParameters() {
        weight.name = "\(name).weight"
        bias?.name = "\(name).bias"
    }

    private func columnTransform(for g: WindowGeometry) -> ColumnTransform {
        if let cachedTransform, cachedTransform.geometry == g { return cachedTransform }
        let fresh = ColumnTransform(g)
        cachedTransform = fresh
        return fresh
    }

    /// `[N, C, H, W]` → `[N, OC, OH, OW]`.
    public func forward(_ input: Tensor, training: Bool) throws -> Tensor {
        let g = try WindowGeometry(
            layer: name, input: input.shape, channels: inChannels, kernel: kernelSize, stride: stride,
            padding: paddingAmount)
        let batch = input.shape[0]
        let k = g.patchLength, p = g.positions, oc = outChannels
        let transform = columnTransform(for: g)
        var output = Tensor(shape: [batch, oc, g.outputHeight, g.outputWidth])
        // Training keeps every sample's columns for backward; inference needs one per chunk.
        let keepColumns = training
        let slots = keepColumns ? batch : chunkCount(of: batch)
        if columns.count < slots * k * p {
            columns = [Float](repeating: 0, count: slots * k * p)
        }
        input.storage.withUnsafeBufferPointer { x in
            weight.value.storage.withUnsafeBufferPointer { w in
                output.storage.withUnsafeMutableBufferPointer { y in
                    columns.withUnsafeMutableBufferPointer { cols in
                        let bias = self.bias?.value.storage
                        forEachChunk(of: batch) { samples, chunk in
                            for n in samples {
                                let col = cols.baseAddress! + (keepColumns ? n : chunk) * k * p
                                transform.im2col(x.baseAddress! + n * g.inputImageCount, into: col)
                                let out = y.baseAddress! + n * oc * p
                                PanelMatmul.multiply(
                                    m: oc, n: p, k: k, a: w.baseAddress!, lda: k, b: col, ldb: p,
                                    c: out, ldc: p, accumulate: false)
                                if let bias { addChannelBias(bias, to: out, positions: p) }
                            }
                        }
                    }
                }
            }
        }
        if keepColumns {
            cachedGeometry = g
            cachedBatch = batch
        } else {
            cachedGeometry = nil
        }
        return output
    }

    /// dLoss/dOutput `[N, OC, OH, OW]` → dLoss/dInput `[N, C, H, W]`; adds dW and db.
    public func backward(_ outputGradient: Tensor) throws -> Tensor {
        try backward(outputGradient, computesInputGradient: true)
    }

    /// As the first layer (input is data): adds dW and db, skips dX — a third of the work.
    public func accumulateParameterGradients(_ outputGradient: Tensor) throws {
        _ = try backward(outputGradient, computesInputGradient: false)
    }

    private func backward(_ outputGradient: Tensor, computesInputGradient: Bool) throws -> Tensor {
        guard let g = cachedGeometry else {
            throw EngineError.invalidState(
                context: name, detail: "backward needs a preceding forward(_:training: true)")
        }
        let batch = cachedBatch
        let k = g.patchLength, p = g.positions, oc = outChannels
        let transform = columnTransform(for: g)
        let expected = [batch, oc, g.outputHeight, g.outputWidth]
        guard outputGradient.shape == expected else {
            throw EngineError.shapeMismatch(
                context: name, detail: "output gradient \(outputGradient.shape), expected \(expected)")
        }
        var inputGradient = Tensor(shape: computesInputGradient ? [batch, inChannels, g.inputHeight, g.inputWidth] : [0])
        let chunks = chunkCount(of: batch)
        // Per-chunk partial dWᵀ [K×OC] and db so threads never write the same memory. dWᵀ
        // rather than dW: it needs dY transposed ([P×OC], small) instead of the columns
        // ([K×P]), and its rows are OC wide, a whole number of SIMD vectors.
        var partialWeight = [Float](repeating: 0, count: chunks * k * oc)
        var partialBias = [Float](repeating: 0, count: chunks * oc)
        let transposedWeight = transposed(weight.value.storage, rows: oc, columns: k)
        let withInputGradient = computesInputGradient
        outputGradient.storage.withUnsafeBufferPointer { dy in
            columns.withUnsafeBufferPointer { cols in
                transposedWeight.withUnsafeBufferPointer { wT in
                    inputGradient.storage.withUnsafeMutableBufferPointer { dx in
                        partialWeight.withUnsafeMutableBufferPointer { dwAll in
                            partialBias.withUnsafeMutableBufferPointer { dbAll in
                                forEachChunk(of: batch) { samples, chunk in
                                    let dwT = dwAll.baseAddress! + chunk * k * oc
                                    let db = dbAll.baseAddress! + chunk * oc
                                    var scratch = [Float](repeating: 0, count: p * oc + (withInputGradient ? k * g.gradientRowStride : 0))
                                    scratch.withUnsafeMutableBufferPointer { buffer in
                                        let dyT = buffer.baseAddress!
                                        let dcol = dyT + p * oc
                                        for n in samples {
                                            let dyN = dy.baseAddress! + n * oc * p
                                            let col = cols.baseAddress! + n * k * p
                                            // dWᵀ[K×OC] += col[K×P] · dYᵀ[P×OC]
                                            transpose(dyN, rows: oc, columns: p, into: dyT)
                                            PanelMatmul.multiply(
                                                m: k, n: oc, k: p, a: col, lda: p, b: dyT, ldb: oc,
                                                c: dwT, ldc: oc, accumulate: true)
                                            addRowSums(dyN, rows: oc, columns: p, into: db)
                                            guard withInputGradient else { continue }
                                            // dcol[K×P] = Wᵀ[K×OC] · dY[OC×P], folded back onto dX.
                                            PanelMatmul.multiply(
                                                m: k, n: p, k: oc, a: wT.baseAddress!, lda: oc, b: dyN, ldb: p,
                                                c: dcol + g.gradientRowMargin, ldc: g.gradientRowStride,
                                                accumulate: false)
                                            transform.col2im(dcol, addingInto: dx.baseAddress! + n * g.inputImageCount)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        weight.gradient.storage.withUnsafeMutableBufferPointer { dw in
            for chunk in 0..<chunks {
                let dwT = chunk * k * oc
                for o in 0..<oc {
                    for index in 0..<k { dw[o * k + index] += partialWeight[dwT + index * oc + o] }
                }
            }
        }
        if let bias {
            for chunk in 0..<chunks {
                for o in 0..<oc { bias.gradient.storage[o] += partialBias[chunk * oc + o] }
            }
        }
        return inputGradient
    }
}

/// `out[o, :] += bias[o]` for every channel of one sample.
@inline(__always)
func addChannelBias(_ bias: [Float], to out: UnsafeMutablePointer<Float>, positions: Int) {
    for o in bias.indices {
        let row = out + o * positions
        let value = bias[o]
        for index in 0..<positions { row[index] += value }
    }
}

/// `sums[r] += Σ_c matrix[r, c]` (the bias gradient of one sample).
@inline(__always)
func addRowSums(_ matrix: UnsafePointer<Float>, rows: Int, columns: Int, into sums: UnsafeMutablePointer<Float>) {
    for r in 0..<rows { sums[r] += sumOfFloats(matrix + r * columns, count: columns) }
}

/// A sum with eight independent SIMD lanes: a plain `+=` loop is one dependent add per
/// element (the compiler may not reorder Float adds), four cycles each.
@inline(__always)
func sumOfFloats(_ values: UnsafePointer<Float>, count: Int) -> Float {
    let raw = UnsafeRawPointer(values)
    var lanes = SIMD8<Float>()
    var index = 0
    while index + 8 <= count {
        lanes += raw.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<Float>.self)
        index += 8
    }
    var total = lanes.sum()
    while index < count {
        total += values[index]
        index += 1
    }
    return total
}
