// Elementwise arithmetic over contiguous storage in 8-wide SIMD chunks with a scalar tail.
// Shapes must match exactly (no broadcasting): mismatches are programming errors inside the
// engine and trap; layers validate user-facing shapes and throw before calling these.

extension Tensor {
    /// Calls `vector(i)` for each whole 8-wide chunk starting at `i` and `scalar(i)` for each
    /// element of the tail: the one loop every elementwise operation runs.
    @inline(__always)
    static func sweep(_ count: Int, vector: (Int) -> Void, scalar: (Int) -> Void) {
        var i = 0
        while i + 8 <= count {
            vector(i)
            i += 8
        }
        while i < count {
            scalar(i)
            i += 1
        }
    }

    /// Applies `vector` to 8-wide chunks and `scalar` to the tail, writing into `self`.
    @inline(__always)
    mutating func updateEach(
        with other: Tensor,
        vector: (SIMD8<Float>, SIMD8<Float>) -> SIMD8<Float>,
        scalar: (Float, Float) -> Float
    ) {
        precondition(shape == other.shape, "elementwise shapes \(shape) and \(other.shape)")
        let count = storage.count
        storage.withUnsafeMutableBufferPointer { target in
            other.storage.withUnsafeBufferPointer { source in
                guard count > 0 else { return }
                let t = UnsafeMutableRawPointer(target.baseAddress!), s = UnsafeRawPointer(source.baseAddress!)
                Tensor.sweep(count, vector: { i in
                    let result = vector(t.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self),
                                        s.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self))
                    t.storeBytes(of: result, toByteOffset: i * 4, as: SIMD8<Float>.self)
                }, scalar: { i in target[i] = scalar(target[i], source[i]) })
            }
        }
    }

    /// Applies `vector` / `scalar` to every element in place.
    @inline(__always)
    mutating func updateEach(vector: (SIMD8<Float>) -> SIMD8<Float>, scalar: (Float) -> Float) {
        let count = storage.count
        storage.withUnsafeMutableBufferPointer { target in
            guard count > 0 else { return }
            let t = UnsafeMutableRawPointer(target.baseAddress!)
            Tensor.sweep(count, vector: { i in
                t.storeBytes(of: vector(t.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)),
                             toByteOffset: i * 4, as: SIMD8<Float>.self)
            }, scalar: { i in target[i] = scalar(target[i]) })
        }
    }

    /// A new tensor of `vector` / `scalar` applied to every element, in one pass. (Copying
    /// then updating in place reads and writes everything twice when the input is shared,
    /// as a layer's input always is.)
    @inline(__always)
    func mapped(vector: (SIMD8<Float>) -> SIMD8<Float>, scalar: (Float) -> Float) -> Tensor {
        let count = storage.count
        let values = storage.withUnsafeBufferPointer { source in
            [Float](unsafeUninitializedCapacity: count) { target, initialized in
                if count > 0 {
                    let s = UnsafeRawPointer(source.baseAddress!), t = UnsafeMutableRawPointer(target.baseAddress!)
                    Tensor.sweep(count, vector: { i in
                        t.storeBytes(of: vector(s.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)),
                                     toByteOffset: i * 4, as: SIMD8<Float>.self)
                    }, scalar: { i in target[i] = scalar(source[i]) })
                }
                initialized = count
            }
        }
        return Tensor(validatedShape: shape, storage: values)
    }

    /// A new tensor of `vector(self, other)` / `scalar(self, other)` elementwise, in one pass.
    @inline(__always)
    func combined(
        with other: Tensor, vector: (SIMD8<Float>, SIMD8<Float>) -> SIMD8<Float>, scalar: (Float, Float) -> Float
    ) -> Tensor {
        precondition(shape == other.shape, "elementwise shapes \(shape) and \(other.shape)")
        let count = storage.count
        let values = storage.withUnsafeBufferPointer { first in
            other.storage.withUnsafeBufferPointer { second in
                [Float](unsafeUninitializedCapacity: count) { target, initialized in
                    if count > 0 {
                        let a = UnsafeRawPointer(first.baseAddress!), b = UnsafeRawPointer(second.baseAddress!)
                        let t = UnsafeMutableRawPointer(target.baseAddress!)
                        Tensor.sweep(count, vector: { i in
                            let result = vector(a.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self),
                                                b.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self))
                            t.storeBytes(of: result, toByteOffset: i * 4, as: SIMD8<Float>.self)
                        }, scalar: { i in target[i] = scalar(first[i], second[i]) })
                    }
                    initialized = count
                }
            }
        }
        return Tensor(validatedShape: shape, storage: values)
    }

    public static func += (lhs: inout Tensor, rhs: Tensor) {
        lhs.updateEach(with: rhs, vector: { $0 + $1 }, scalar: { $0 + $1 })
    }

    public static func -= (lhs: inout Tensor, rhs: Tensor) {
        lhs.updateEach(with: rhs, vector: { $0 - $1 }, scalar: { $0 - $1 })
    }

    public static func *= (lhs: inout Tensor, rhs: Tensor) {
        lhs.updateEach(with: rhs, vector: { $0 * $1 }, scalar: { $0 * $1 })
    }

    public static func *= (lhs: inout Tensor, rhs: Float) {
        let factor = SIMD8<Float>(repeating: rhs)
        lhs.updateEach(vector: { $0 * factor }, scalar: { $0 * rhs })
    }

    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor {
        lhs.combined(with: rhs, vector: { $0 + $1 }, scalar: { $0 + $1 })
    }

    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor {
        lhs.combined(with: rhs, vector: { $0 - $1 }, scalar: { $0 - $1 })
    }

    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor {
        lhs.combined(with: rhs, vector: { $0 * $1 }, scalar: { $0 * $1 })
    }

    public static func * (lhs: Tensor, rhs: Float) -> Tensor {
        let factor = SIMD8<Float>(repeating: rhs)
        return lhs.mapped(vector: { $0 * factor }, scalar: { $0 * rhs })
    }

    public static func * (lhs: Float, rhs: Tensor) -> Tensor { rhs * lhs }

    /// self += alpha · other (the optimizer's and gradient accumulation's primitive).
    public mutating func addScaled(_ other: Tensor, by alpha: Float) {
        let factor = SIMD8<Float>(repeating: alpha)
        updateEach(with: other, vector: { $0.addingProduct($1, factor) }, scalar: { $0 + alpha * $1 })
    }

    /// A new tensor with `transform` applied to every element (scalar path; for cold code).
    public func map(_ transform: (Float) -> Float) -> Tensor {
        var result = self
        for i in result.storage.indices { result.storage[i] = transform(storage[i]) }
        return result
    }

    /// Fills every element with `value` (keeps the allocation).
    public mutating func fill(_ value: Float) {
        storage.withUnsafeMutableBufferPointer { $0.update(repeating: value) }
    }
}
