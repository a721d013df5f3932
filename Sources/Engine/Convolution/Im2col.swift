// Shape legend: C channels, H×W input, KH×KW kernel, OH×OW output, K = C·KH·KW, P = OH·OW.

/// Unrolls one image [C, H, W] into patch columns [K, P]: row `(c·KH + ky)·KW + kx` holds the
/// input pixel each output position sees through kernel tap (c, ky, kx), zero where the tap
/// falls in the padding. Convolution is then one matrix product with the [OC, K] weights.
func im2col(_ image: UnsafePointer<Float>, _ g: WindowGeometry, into columns: UnsafeMutablePointer<Float>) {
    let outH = g.outputHeight, outW = g.outputWidth, inH = g.inputHeight, inW = g.inputWidth
    var row = columns
    for c in 0..<g.channels {
        let plane = image + c * inH * inW
        for ky in 0..<g.kernelHeight {
            for kx in 0..<g.kernelWidth {
                for oy in 0..<outH {
                    let dst = row + oy * outW
                    let iy = oy * g.stride - g.padding + ky
                    guard iy >= 0, iy < inH else {
                        dst.update(repeating: 0, count: outW)
                        continue
                    }
                    let src = plane + iy * inW
                    // Output columns whose tap lands inside the image: ox in [first, end).
                    let offset = kx - g.padding
                    let (first, end) = insideRange(offset: offset, stride: g.stride, input: inW, output: outW)
                    if first > 0 { dst.update(repeating: 0, count: first) }
                    if g.stride == 1 {
                        (dst + first).update(from: src + first + offset, count: end - first)
                    } else {
                        for ox in first..<end { dst[ox] = src[ox * g.stride + offset] }
                    }
                    if end < outW { (dst + end).update(repeating: 0, count: outW - end) }
                }
                row += g.positions
            }
        }
    }
}

/// The adjoint of `im2col`: adds each column entry back onto the input pixel it was copied
/// from (taps in the padding are dropped). `image` must be zeroed (or hold a gradient to add to).
func col2im(_ columns: UnsafePointer<Float>, _ g: WindowGeometry, addingInto image: UnsafeMutablePointer<Float>) {
    let outH = g.outputHeight, outW = g.outputWidth, inH = g.inputHeight, inW = g.inputWidth
    var row = columns
    for c in 0..<g.channels {
        let plane = image + c * inH * inW
        for ky in 0..<g.kernelHeight {
            for kx in 0..<g.kernelWidth {
                let offset = kx - g.padding
                let (first, end) = insideRange(offset: offset, stride: g.stride, input: inW, output: outW)
                for oy in 0..<outH {
                    let iy = oy * g.stride - g.padding + ky
                    guard iy >= 0, iy < inH else { continue }
                    let src = row + oy * outW
                    let dst = plane + iy * inW
                    if g.stride == 1 {
                        let shifted = dst + offset
                        for ox in first..<end { shifted[ox] += src[ox] }
                    } else {
                        for ox in first..<end { dst[ox * g.stride + offset] += src[ox] }
                    }
                }
                row += g.positions
            }
        }
    }
}

/// The output indices `o` in `[first, end)` whose input index `o·stride + offset` lies in
/// `[0, input)`; the rest read padding.
@inline(__always)
func insideRange(offset: Int, stride: Int, input: Int, output: Int) -> (first: Int, end: Int) {
    let first = min(output, offset >= 0 ? 0 : (-offset + stride - 1) / stride)
    let last = input - 1 - offset
    guard last >= 0 else { return (first, first) }
    return (first, max(first, min(output, last / stride + 1)))
}
