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
                            let maxima = best.baseAddress! + plane * outPlane
                            let base = Int32(plane * inPlane)
                            if kernel == 2, stride == 2 {
                                maxPool2x2(src, g, into: dst, argmax: maxima, base: base)
                            } else {
                                maxPoolAnyWindow(src, g, into: dst, argmax: maxima, base: base)
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
        let inPlane = g.inputHeight * g.inputWidth, outPlane = g.positions
        let planes = cachedBatch * g.channels
        // Each plane's maxima lie in its own input plane, so planes are zeroed and scattered
        // in parallel chunks (one memset of the whole gradient up front was serial).
        let values = outputGradient.storage.withUnsafeBufferPointer { dy in
            argmax.withUnsafeBufferPointer { best in
                [Float](unsafeUninitializedCapacity: planes * inPlane) { dx, initialized in
                    forEachChunk(of: planes) { range, _ in
                        guard !range.isEmpty else { return }
                        (dx.baseAddress! + range.lowerBound * inPlane).initialize(repeating: 0, count: range.count * inPlane)
                        for index in (range.lowerBound * outPlane)..<(range.upperBound * outPlane) {
                            dx[Int(best[index])] += dy[index]
                        }
                    }
                    initialized = planes * inPlane
                }
            }
        }
        return Tensor(validatedShape: [cachedBatch, g.channels, g.inputHeight, g.inputWidth], storage: values)
    }
}

/// The general window: scans each k×k window, keeping the first maximum.
private func maxPoolAnyWindow(
    _ src: UnsafePointer<Float>, _ g: WindowGeometry, into dst: UnsafeMutablePointer<Float>,
    argmax: UnsafeMutablePointer<Int32>, base: Int32
) {
    for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
            var bestIndex = oy * g.stride * g.inputWidth + ox * g.stride
            var bestValue = src[bestIndex]
            for ky in 0..<g.kernelHeight {
                let rowStart = (oy * g.stride + ky) * g.inputWidth + ox * g.stride
                for kx in 0..<g.kernelWidth where src[rowStart + kx] > bestValue {
                    bestValue = src[rowStart + kx]
                    bestIndex = rowStart + kx
                }
            }
            dst[oy * g.outputWidth + ox] = bestValue
            argmax[oy * g.outputWidth + ox] = base + Int32(bestIndex)
        }
    }
}

/// The common 2×2 / stride 2 window, eight outputs per step with SIMD compares and selects:
/// branches on which input wins mispredict half the time on real activations. Same tie rule
/// as the general path (first in row-major order). The last group of eight overlaps the one
/// before when the width is not a multiple of 8 (recomputing equal values is harmless).
private func maxPool2x2(
    _ src: UnsafePointer<Float>, _ g: WindowGeometry, into dst: UnsafeMutablePointer<Float>,
    argmax: UnsafeMutablePointer<Int32>, base: Int32
) {
    let inW = g.inputWidth, outW = g.outputWidth
    guard outW >= 8 else {
        if outW >= 4 {
            maxPool2x2Narrow(src, g, into: dst, argmax: argmax, base: base)
        } else {
            maxPoolAnyWindow(src, g, into: dst, argmax: argmax, base: base)
        }
        return
    }
    let lanes = SIMD8<Int32>(0, 2, 4, 6, 8, 10, 12, 14)
    let rowStep = SIMD8<Int32>(repeating: Int32(inW))
    for oy in 0..<g.outputHeight {
        let top = UnsafeRawPointer(src + 2 * oy * inW)
        let bottom = top + inW * 4
        var ox = 0
        while true {
            let upper = top.loadUnaligned(fromByteOffset: 8 * ox, as: SIMD16<Float>.self)
            let lower = bottom.loadUnaligned(fromByteOffset: 8 * ox, as: SIMD16<Float>.self)
            let a: SIMD8<Float> = upper.evenHalf
            let b: SIMD8<Float> = upper.oddHalf
            let c: SIMD8<Float> = lower.evenHalf
            let d: SIMD8<Float> = lower.oddHalf
            let bWins: SIMDMask<SIMD8<Int32>> = b .> a
            let dWins: SIMDMask<SIMD8<Int32>> = d .> c
            var ab: SIMD8<Float> = a
            ab.replace(with: b, where: bWins)
            var cd: SIMD8<Float> = c
            cd.replace(with: d, where: dWins)
            let lowerWins: SIMDMask<SIMD8<Int32>> = cd .> ab
            var best: SIMD8<Float> = ab
            best.replace(with: cd, where: lowerWins)
            // Input index of the winner, built in integer lanes (Float lane masks are Int32
            // masks already; converting Float lanes to Int32 would be a slow call per lane).
            var column = SIMD8<Int32>(repeating: 0)
            column.replace(with: SIMD8<Int32>(repeating: 1), where: bWins)
            var lowerColumn = SIMD8<Int32>(repeating: 0)
            lowerColumn.replace(with: SIMD8<Int32>(repeating: 1), where: dWins)
            column.replace(with: lowerColumn &+ rowStep, where: lowerWins)
            let rowStart = SIMD8<Int32>(repeating: base + Int32(2 * oy * inW + 2 * ox))
            let index: SIMD8<Int32> = lanes &+ rowStart &+ column
            UnsafeMutableRawPointer(dst + oy * outW + ox).storeBytes(of: best, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(argmax + oy * outW + ox).storeBytes(of: index, as: SIMD8<Int32>.self)
            if ox + 8 == outW { break }
            ox = min(ox + 8, outW - 8)
        }
    }
}

/// `maxPool2x2` for maps 4…7 outputs wide (the last pooling of a small CNN): four outputs
/// per step, the last group overlapping.
private func maxPool2x2Narrow(
    _ src: UnsafePointer<Float>, _ g: WindowGeometry, into dst: UnsafeMutablePointer<Float>,
    argmax: UnsafeMutablePointer<Int32>, base: Int32
) {
    let inW = g.inputWidth, outW = g.outputWidth
    let lanes = SIMD4<Int32>(0, 2, 4, 6)
    let rowStep = SIMD4<Int32>(repeating: Int32(inW))
    for oy in 0..<g.outputHeight {
        let top = UnsafeRawPointer(src + 2 * oy * inW)
        let bottom = top + inW * 4
        var ox = 0
        while true {
            let upper = top.loadUnaligned(fromByteOffset: 8 * ox, as: SIMD8<Float>.self)
            let lower = bottom.loadUnaligned(fromByteOffset: 8 * ox, as: SIMD8<Float>.self)
            let a: SIMD4<Float> = upper.evenHalf
            let b: SIMD4<Float> = upper.oddHalf
            let c: SIMD4<Float> = lower.evenHalf
            let d: SIMD4<Float> = lower.oddHalf
            let bWins: SIMDMask<SIMD4<Int32>> = b .> a
            let dWins: SIMDMask<SIMD4<Int32>> = d .> c
            var ab: SIMD4<Float> = a
            ab.replace(with: b, where: bWins)
            var cd: SIMD4<Float> = c
            cd.replace(with: d, where: dWins)
            let lowerWins: SIMDMask<SIMD4<Int32>> = cd .> ab
            var best: SIMD4<Float> = ab
            best.replace(with: cd, where: lowerWins)
            var column = SIMD4<Int32>(repeating: 0)
            column.replace(with: SIMD4<Int32>(repeating: 1), where: bWins)
            var lowerColumn = SIMD4<Int32>(repeating: 0)
            lowerColumn.replace(with: SIMD4<Int32>(repeating: 1), where: dWins)
            column.replace(with: lowerColumn &+ rowStep, where: lowerWins)
            let rowStart = SIMD4<Int32>(repeating: base + Int32(2 * oy * inW + 2 * ox))
            let index: SIMD4<Int32> = lanes &+ rowStart &+ column
            UnsafeMutableRawPointer(dst + oy * outW + ox).storeBytes(of: best, as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(argmax + oy * outW + ox).storeBytes(of: index, as: SIMD4<Int32>.self)
            if ox + 4 == outW { break }
            ox = min(ox + 4, outW - 4)
        }
    }
}
