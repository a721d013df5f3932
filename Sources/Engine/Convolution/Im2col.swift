// Shape legend: C channels, H×W input, KH×KW kernel, OH×OW output, K = C·KH·KW, P = OH·OW.

/// Unrolls one image [C, H, W] into patch columns [K, P]: row `(c·KH + ky)·KW + kx` holds the
/// input pixel each output position sees through kernel tap (c, ky, kx), zero where the tap
/// falls in the padding. Convolution is then one matrix product with the [OC, K] weights.
/// (Row by row, any stride and padding; `ColumnTransform` picks the faster shifted-plane path when it applies.)
func im2colByRows(_ image: UnsafePointer<Float>, _ g: WindowGeometry, into columns: UnsafeMutablePointer<Float>) {
    let outH = g.outputHeight, outW = g.outputWidth, inH = g.inputHeight, inW = g.inputWidth
    var row = columns
    for c in 0..<g.channels {
        let plane = image + c * inH * inW
        for ky in 0..<g.kernelHeight {
            for kx in 0..<g.kernelWidth {
                // Output columns whose tap lands inside the image: ox in [first, end).
                let offset = kx - g.padding
                let (first, end) = insideRange(offset: offset, stride: g.stride, input: inW, output: outW)
                for oy in 0..<outH {
                    let dst = row + oy * outW
                    let iy = oy * g.stride - g.padding + ky
                    guard iy >= 0, iy < inH else {
                        fillZeros(dst, count: outW)
                        continue
                    }
                    let src = plane + iy * inW
                    fillZeros(dst, count: first)
                    if g.stride == 1 {
                        copyFloats(from: src + first + offset, to: dst + first, count: end - first)
                    } else {
                        for ox in first..<end { dst[ox] = src[ox * g.stride + offset] }
                    }
                    fillZeros(dst + end, count: outW - end)
                }
                row += g.positions
            }
        }
    }
}

/// The adjoint of `im2col`: adds each column entry back onto the input pixel it was copied
/// from (taps in the padding are dropped). `image` must be zeroed (or hold a gradient to add
/// to). Row by row, any stride and padding.
func col2imByRows(_ columns: UnsafePointer<Float>, _ g: WindowGeometry, addingInto image: UnsafeMutablePointer<Float>) {
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
                        addFloats(from: src + first, to: dst + offset + first, count: end - first)
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
    if stride == 1 {  // no divisions on the common path
        let first = min(output, max(0, -offset))
        return (first, max(first, min(output, input - offset)))
    }
    let first = min(output, offset >= 0 ? 0 : (-offset + stride - 1) / stride)
    let last = input - 1 - offset
    guard last >= 0 else { return (first, first) }
    return (first, max(first, min(output, last / stride + 1)))
}

/// Copies a short run of floats with SIMD moves. Rows of a small feature map are a few
/// dozen floats; `memcpy` (which a plain copy loop compiles to) costs more in call overhead
/// than the copy, and im2col makes one per kernel tap and output row.
@inline(__always)
func copyFloats(from source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
    let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
    if count >= 8 {
        var index = 0
        while index + 8 <= count {
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<Float>.self),
                          toByteOffset: index * 4, as: SIMD8<Float>.self)
            index += 8
        }
        if index < count {  // last, overlapping vector
            let last = (count - 8) * 4
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: last, as: SIMD8<Float>.self),
                          toByteOffset: last, as: SIMD8<Float>.self)
        }
    } else if count >= 4 {
        to.storeBytes(of: from.loadUnaligned(as: SIMD4<Float>.self), as: SIMD4<Float>.self)
        let last = (count - 4) * 4
        to.storeBytes(of: from.loadUnaligned(fromByteOffset: last, as: SIMD4<Float>.self),
                      toByteOffset: last, as: SIMD4<Float>.self)
    } else {
        for index in 0..<max(0, count) { target[index] = source[index] }
    }
}

/// Zeroes a short run of floats without a `memset` call (see `copyFloats`).
@inline(__always)
func fillZeros(_ target: UnsafeMutablePointer<Float>, count: Int) {
    let to = UnsafeMutableRawPointer(target)
    var index = 0
    while index + 8 <= count {
        to.storeBytes(of: SIMD8<Float>(), toByteOffset: index * 4, as: SIMD8<Float>.self)
        index += 8
    }
    while index < count {
        target[index] = 0
        index += 1
    }
}

/// `target[i] += source[i]` over a short run, in SIMD steps (see `copyFloats`).
@inline(__always)
func addFloats(from source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
    let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
    var index = 0
    while index + 8 <= count {
        let sum = to.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<Float>.self)
            + from.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<Float>.self)
        to.storeBytes(of: sum, toByteOffset: index * 4, as: SIMD8<Float>.self)
        index += 8
    }
    if index + 4 <= count {
        let sum = to.loadUnaligned(fromByteOffset: index * 4, as: SIMD4<Float>.self)
            + from.loadUnaligned(fromByteOffset: index * 4, as: SIMD4<Float>.self)
        to.storeBytes(of: sum, toByteOffset: index * 4, as: SIMD4<Float>.self)
        index += 4
    }
    while index < count {
        target[index] += source[index]
        index += 1
    }
}
