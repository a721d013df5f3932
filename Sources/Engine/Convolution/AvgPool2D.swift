// Shape legend: N batch, C channels, H×W input, OH×OW output, k pooling window, s stride.

/// Average pooling over k×k windows of NCHW images; backward spreads each output gradient
/// evenly (÷ k²) over its window.
public final class AvgPool2D: Layer {
    public var name: String
    public let kernel: Int
    public let stride: Int
    public var parameters: [Parameter] { [] }

    private var cachedGeometry: WindowGeometry?
    private var cachedBatch = 0

    /// `stride` defaults to `kernel` (non-overlapping windows).
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
        let batch = input.shape[0]
        var output = Tensor(shape: [batch, g.channels, g.outputHeight, g.outputWidth])
        let inPlane = g.inputHeight * g.inputWidth, outPlane = g.positions
        let scale = 1 / Float(kernel * kernel)
        input.storage.withUnsafeBufferPointer { x in
            output.storage.withUnsafeMutableBufferPointer { y in
                for plane in 0..<(batch * g.channels) {
                    let src = x.baseAddress! + plane * inPlane
                    for oy in 0..<g.outputHeight {
                        for ox in 0..<g.outputWidth {
                            var sum: Float = 0
                            for ky in 0..<kernel {
                                let row = src + (oy * stride + ky) * g.inputWidth + ox * stride
                                for kx in 0..<kernel { sum += row[kx] }
                            }
                            y[plane * outPlane + oy * g.outputWidth + ox] = sum * scale
                        }
                    }
                }
            }
        }
        cachedGeometry = training ? g : nil
        cachedBatch = batch
        return output
    }

    /// Spreads each output gradient ÷ k² over its window (overlapping windows add up).
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
        let inPlane = g.inputHeight * g.inputWidth, outPlane = g.positions
        let scale = 1 / Float(kernel * kernel)
        outputGradient.storage.withUnsafeBufferPointer { dy in
            inputGradient.storage.withUnsafeMutableBufferPointer { dx in
                for plane in 0..<(cachedBatch * g.channels) {
                    let dst = dx.baseAddress! + plane * inPlane
                    for oy in 0..<g.outputHeight {
                        for ox in 0..<g.outputWidth {
                            let share = dy[plane * outPlane + oy * g.outputWidth + ox] * scale
                            for ky in 0..<kernel {
                                let row = dst + (oy * stride + ky) * g.inputWidth + ox * stride
                                for kx in 0..<kernel { row[kx] += share }
                            }
                        }
                    }
                }
            }
        }
        return inputGradient
    }
}
