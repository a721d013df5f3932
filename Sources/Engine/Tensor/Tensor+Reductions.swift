// Reductions accumulate in 8 SIMD lanes (then Double for the lane sum) so long tensors do not
// lose precision the way a single running Float sum would.

extension Tensor {
    /// Sum of all elements.
    public func sum() -> Float {
        Float(reduceLanes(SIMD8<Float>(), { $0 + $1 }, scalar: { $0 + $1 }))
    }

    /// Mean of all elements (0 for an empty tensor).
    public func mean() -> Float { count == 0 ? 0 : sum() / Float(count) }

    /// Σ x², the building block of norms.
    public func sumOfSquares() -> Float {
        Float(reduceLanes(SIMD8<Float>(), { $0.addingProduct($1, $1) }, scalar: { $0 + $1 * $1 }))
    }

    /// Euclidean (Frobenius) norm.
    public func norm() -> Float { sumOfSquares().squareRoot() }

    /// Largest element (−∞ for an empty tensor; NaN elements are skipped).
    public func max() -> Float { storage.reduce(-Float.infinity) { Swift.max($0, $1) } }

    /// Smallest element (+∞ for an empty tensor; NaN elements are skipped).
    public func min() -> Float { storage.reduce(Float.infinity) { Swift.min($0, $1) } }

    /// True when no element is NaN or ±∞. One vectorized pass: x·0 is 0 for finite x and NaN
    /// otherwise, so the lanes' sum of x·0 is finite exactly when every element is.
    public var isFinite: Bool {
        let zero = SIMD8<Float>()
        var accumulator = zero
        let count = storage.count
        var tailFinite = true
        storage.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            var i = 0
            while i + 8 <= count {
                accumulator += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) * zero
                i += 8
            }
            while i < count {
                if !buffer[i].isFinite { tailFinite = false }
                i += 1
            }
        }
        return tailFinite && accumulator.sum().isFinite
    }

    /// Column sums of a [rows, width] view (bias gradients): result has `width` elements.
    public func sumRows() -> Tensor {
        let width = rowSize
        var result = Tensor(shape: [width])
        sumRows(into: &result.storage, width: width)
        return result
    }

    /// target[j] += Σ_i self[i, j] over the rows of a [count / width, width] view.
    func sumRows(into target: inout [Float], width: Int) {
        let rows = width == 0 ? 0 : count / width
        storage.withUnsafeBufferPointer { source in
            target.withUnsafeMutableBufferPointer { out in
                guard let s = source.baseAddress, let o = out.baseAddress else { return }
                for i in 0..<rows {
                    let row = s + i * width
                    var j = 0
                    while j + 8 <= width {
                        let raw = UnsafeMutableRawPointer(o + j)
                        let current = UnsafeRawPointer(raw).loadUnaligned(as: SIMD8<Float>.self)
                        raw.storeBytes(of: current + UnsafeRawPointer(row + j).loadUnaligned(as: SIMD8<Float>.self),
                                       as: SIMD8<Float>.self)
                        j += 8
                    }
                    while j < width {
                        o[j] += row[j]
                        j += 1
                    }
                }
            }
        }
    }

    /// Index of the largest element of each row of a [rows, width] view (predictions).
    public func argmaxRows() -> [Int] {
        let width = rowSize
        guard width > 0 else { return [] }
        return (0..<rowCount).map { row in
            var best = 0
            var bestValue = storage[row * width]
            for j in 1..<width where storage[row * width + j] > bestValue {
                best = j
                bestValue = storage[row * width + j]
            }
            return best
        }
    }

    @inline(__always)
    private func reduceLanes(
        _ initial: SIMD8<Float>, _ vector: (SIMD8<Float>, SIMD8<Float>) -> SIMD8<Float>,
        scalar: (Double, Double) -> Double
    ) -> Double {
        let count = storage.count
        return storage.withUnsafeBufferPointer { buffer -> Double in
            guard let base = buffer.baseAddress else { return 0 }
            let raw = UnsafeRawPointer(base)
            var lanes = initial
            var total = 0.0
            var i = 0
            while i + 8 <= count {
                lanes = vector(lanes, raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self))
                i += 8
                if i & 4095 == 0 {
                    for lane in 0..<8 { total += Double(lanes[lane]) }
                    lanes = initial
                }
            }
            for lane in 0..<8 { total += Double(lanes[lane]) }
            while i < count {
                total = scalar(total, Double(buffer[i]))
                i += 1
            }
            return total
        }
    }
}
