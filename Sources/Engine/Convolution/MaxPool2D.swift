// Shape legend: N batch, C channels, H×W input, OH×OW output, k pooling window, s stride.

/// Max pooling over k×k windows of NCHW images: each output is the largest input in its
/// window, and backward routes the whole gradient to that one input (the first on ties).
public final class MaxPool2D: Layer {
    public var name: String
    public let kernel: Int
    public let stride: Int
    public var parameters: [Parameter] { [] }

    /// Geometry and, per output element, the flat input index of its maximum (last training forward).
    private var cachedGeometry: WindowGeometry?
    private var cachedBatch = 0
    private var argmax: [Int32] = []

    /// `stride` defaults to `kernel` (non-overlapping windows, the usual 2×2/2).
    public init(name: String, kernel: Int, stride: Int? = nil) throws {
        try requireAtLeast(1, kernel, name: "kernel", layer: name)
        try requireAtLeast(1, stride ?? kernel, name: "stride", layer: name)
        self.name = name
        self.kernel = kernel
        self.stride = stride ?? kernel
    }

    /// `[N, C, H, W]` → `[N, C, OH, OW]` with `OH = (H - k) / s + 1`.
    public func forward(_ input: Tensor, training: Bool) throws -> Tensor {
        let g = try WindowGeometry(
            layer: name, input: input.shape, channels: nil, kernel: kernel, stride: stride, padding: 0)
        guard input.count <= Int(Int32.max) else {
            throw EngineError.shapeMismatch(context: name, detail: "input \(input.shape) too large to index")
        }
        let batch = input.shape[0]
        let planes = batch * g.channels
        var output = Tensor(shape: [batch, g.channels, g.outputHeight, g.outputWidth])
        if argmax.count != output.count { argmax = [Int32](repeating: 0, count: output.count) }
        let inPlane = g.inputHeight * g.inputWidth, outPlane = g.positions
        input.storage.withUnsafeBufferPointer { x in
            output.storage.withUnsafeMutableBufferPointer { y in
                argmax.withUnsafeMutableBufferPointer { best in
                    forEachChunk(of: planes) { range, _ in
                        for plane in range {
                            let src = x.baseAddress! + plane * inPlane
                            let dst = y.baseAddress! + plane * outPlane
                            let where_ = best.baseAddress! + plane * outPlane
                            for oy in 0..<g.outputHeight {
                                for ox in 0..<g.outputWidth {
                                    var bestIndex = oy * stride * g.inputWidth + ox * stride
                                    var bestValue = src[bestIndex]
                                    for ky in 0..<kernel {
                                        let rowStart = (oy * stride + ky) * g.inputWidth + ox * stride
                                        for kx in 0..<kernel where src[rowStart + kx] > bestValue {
                                            bestValue = src[rowStart + kx]
                                            bestIndex = rowStart + kx
                                        }
                                    }
                                    dst[oy * g.outputWidth + ox] = bestValue
                                    where_[oy * g.outputWidth + ox] = Int32(plane * inPlane + bestIndex)
                                }
                            }
                        }
                    }
                }
            }
        }
        cachedGeometry = training ? g : nil
        cachedBatch = batch
        return output
    }

    /// Routes each output gradient to its window's maximum.
    public func backward(_ outputGradient: Tensor) throws -> Tensor {
        guard let g = cachedGeometry else {
            throw EngineError.invalidState(
                context: name, detail: "backward needs a preceding forward(_:training: true)")
        }
        let expected = [cachedBatch, g.channels, g.outputHeight, g.outputWidth]
        guard outputGradient.shape == expected else {
            throw EngineError.shapeMismatch(
                context: name, detail: "output gradient \(outputGradient.shape), expected \(expected)")
        }
        var inputGradient = Tensor(shape: [cachedBatch, g.channels, g.inputHeight, g.inputWidth])
        outputGradient.storage.withUnsafeBufferPointer { dy in
            argmax.withUnsafeBufferPointer { best in
                inputGradient.storage.withUnsafeMutableBufferPointer { dx in
                    for index in 0..<dy.count { dx[Int(best[index])] += dy[index] }
                }
            }
        }
        return inputGradient
    }
}
