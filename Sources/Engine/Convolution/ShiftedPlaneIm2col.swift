// Shape legend: C channels, H×W input, KH×KW kernel, P = H·W positions, pad = (KH − 1) / 2.
//
// With stride 1 and "same" padding the output plane has the input plane's layout, so the
// im2col row of tap (c, ky, kx) is the input plane shifted by `(ky − pad)·W + (kx − pad)`
// floats: one contiguous copy per tap instead of one short copy per output row, with the
// columns whose tap falls off the left or right edge (which the shift wraps onto the
// neighbouring image row) masked to zero. Measured per 16×14×14 image, 3×3 "same" (the W3
// workload's second convolution), hot cache: im2col 11.1 → 3.2 µs, col2im 8.3 → 2.2 µs
// (DECISIONS.md, "Convolution layers").

extension WindowGeometry {
    /// True when im2col's rows are shifted copies of the input planes (stride 1, output size = input size).
    var keepsPlaneLayout: Bool { stride == 1 && outputHeight == inputHeight && outputWidth == inputWidth }

    /// Floats col2im wants before and after each row of its columns: the largest tap shift,
    /// so the shifted-plane gather can read past the ends of a row instead of checking
    /// bounds. What it reads there is masked out, so the margins may hold anything.
    var gradientRowMargin: Int { keepsPlaneLayout ? padding * inputWidth + padding : 0 }
    /// Distance between rows of col2im's columns.
    var gradientRowStride: Int { positions + 2 * gradientRowMargin }

    /// For tap (ky, kx): the shift from output to input index and the output range whose
    /// input lies inside the plane (outside it the tap reads the padding above or below).
    @inline(__always)
    func planeShift(ky: Int, kx: Int) -> (shift: Int, low: Int, high: Int) {
        let shift = (ky - padding) * inputWidth + kx - padding
        let (low, high) = insideRange(offset: shift, stride: 1, input: positions, output: positions)
        return (shift, low, high)
    }
}

/// Per kernel column kx, a bit mask over the output positions (all ones where the tap
/// `kx − pad` stays inside the image row, zero where it wraps onto the neighbouring row),
/// rows `gradientRowStride` apart with `gradientRowMargin` zero words on both sides. ANDing
/// with it zeroes a wrapped entry exactly (a multiply would turn an infinite input into NaN).
/// Storing single zeros into the wrapped columns instead cost more than the copies (4.5 µs of 7).
func shiftedPlaneColumnMasks(_ g: WindowGeometry) -> [UInt32] {
    let margin = g.gradientRowMargin, stride = g.gradientRowStride, width = g.outputWidth
    var masks = [UInt32](repeating: 0, count: g.kernelWidth * stride)
    for kx in 0..<g.kernelWidth {
        let inside = insideRange(offset: kx - g.padding, stride: 1, input: width, output: width)
        for y in 0..<g.outputHeight {
            for x in inside.first..<inside.end { masks[kx * stride + margin + y * width + x] = .max }
        }
    }
    return masks
}

@inline(__always)
private func masked(_ values: SIMD8<Float>, _ mask: UnsafePointer<UInt32>) -> SIMD8<Float> {
    let bits = unsafeBitCast(values, to: SIMD8<UInt32>.self)
        & UnsafeRawPointer(mask).loadUnaligned(as: SIMD8<UInt32>.self)
    return unsafeBitCast(bits, to: SIMD8<Float>.self)
}

func im2colShiftedPlane(
    _ image: UnsafePointer<Float>, _ g: WindowGeometry, masks: UnsafePointer<UInt32>,
    into columns: UnsafeMutablePointer<Float>
) {
    let plane = g.positions, margin = g.gradientRowMargin, maskStride = g.gradientRowStride
    var row = columns
    for c in 0..<g.channels {
        let source = image + c * plane
        for ky in 0..<g.kernelHeight {
            for kx in 0..<g.kernelWidth {
                let (shift, low, high) = g.planeShift(ky: ky, kx: kx)
                let mask = masks + kx * maskStride + margin
                fillZeros(row, count: low)
                var index = low
                while index + 8 <= high {
                    let value = UnsafeRawPointer(source + index + shift).loadUnaligned(as: SIMD8<Float>.self)
                    UnsafeMutableRawPointer(row + index).storeBytes(of: masked(value, mask + index), as: SIMD8<Float>.self)
                    index += 8
                }
                while index < high {
                    row[index] = mask[index] == 0 ? 0 : source[index + shift]
                    index += 1
                }
                fillZeros(row + high, count: plane - high)
                row += plane
            }
        }
    }
}

/// Each pixel gathers its taps' entries in registers and is stored once, four vectors at a
/// time so the adds are not one dependent chain; what taps read above or below the plane
/// (in the margins) and where they wrap is masked out. (Adding the shifted rows one tap after
/// another made every load straddle the previous tap's stores, which the CPU cannot forward.)
func col2imShiftedPlane(
    _ columns: UnsafePointer<Float>, _ g: WindowGeometry, masks: UnsafePointer<UInt32>,
    addingInto image: UnsafeMutablePointer<Float>
) {
    typealias V = SIMD8<Float>
    let plane = g.positions, taps = g.kernelHeight * g.kernelWidth
    let stride = g.gradientRowStride, margin = g.gradientRowMargin, maskStride = stride
    withUnsafeTemporaryAllocation(of: (row: Int, mask: Int).self, capacity: taps) { offsets in
        // Where pixel 0 reads in each tap's row and mask: past the margin, minus the shift.
        for ky in 0..<g.kernelHeight {
            for kx in 0..<g.kernelWidth {
                let tap = ky * g.kernelWidth + kx
                let shift = g.planeShift(ky: ky, kx: kx).shift
                offsets[tap] = (tap * stride + margin - shift, kx * maskStride + margin - shift)
            }
        }
        @inline(__always) func load(_ pointer: UnsafePointer<Float>) -> V {
            UnsafeRawPointer(pointer).loadUnaligned(as: V.self)
        }
        for c in 0..<g.channels {
            let rows = columns + c * taps * stride
            let target = image + c * plane
            var pixel = 0
            while pixel + 32 <= plane {
                var s0 = load(target + pixel), s1 = load(target + pixel + 8)
                var s2 = load(target + pixel + 16), s3 = load(target + pixel + 24)
                for tap in 0..<taps {
                    let source = rows + offsets[tap].row + pixel, mask = masks + offsets[tap].mask + pixel
                    s0 += masked(load(source), mask)
                    s1 += masked(load(source + 8), mask + 8)
                    s2 += masked(load(source + 16), mask + 16)
                    s3 += masked(load(source + 24), mask + 24)
                }
                let out = UnsafeMutableRawPointer(target + pixel)
                out.storeBytes(of: s0, as: V.self)
                out.storeBytes(of: s1, toByteOffset: 32, as: V.self)
                out.storeBytes(of: s2, toByteOffset: 64, as: V.self)
                out.storeBytes(of: s3, toByteOffset: 96, as: V.self)
                pixel += 32
            }
            while pixel + 8 <= plane {
                var sum = load(target + pixel)
                for tap in 0..<taps {
                    sum += masked(load(rows + offsets[tap].row + pixel), masks + offsets[tap].mask + pixel)
                }
                UnsafeMutableRawPointer(target + pixel).storeBytes(of: sum, as: V.self)
                pixel += 8
            }
            while pixel < plane {
                var sum = target[pixel]
                for tap in 0..<taps where masks[offsets[tap].mask + pixel] != 0 {
                    sum += rows[offsets[tap].row + pixel]
                }
                target[pixel] = sum
                pixel += 1
            }
        }
    }
}
