import Foundation

/// The per-element gradient adjustments applied before the rule: g ← clamp(g·scale) + l2·p +
/// l1·sign(p).
struct GradientTerms {
    var scale: Float
    var clipValue: Float?
    var l2: Float
    var l1: Float
}

/// The update rules as single fused, 8-wide passes over a parameter's buffers (value,
/// gradient, up to two state slots). The gradient is zeroed in the same pass.
enum UpdateRule {
    typealias V = SIMD8<Float>

    /// Applies the rule and returns Σg² of the raw gradient (measured in the same pass, so an
    /// unclipped step reads each gradient once).
    static func apply(
        kind: OptimizerKind, step: Int, rate: Float, shrink: Float, terms: GradientTerms,
        value: inout [Float], gradient: inout [Float], first: inout [Float], second: inout [Float]
    ) -> Float {
        let count = value.count
        return value.withUnsafeMutableBufferPointer { pv in
            gradient.withUnsafeMutableBufferPointer { pg in
                first.withUnsafeMutableBufferPointer { p1 in
                    second.withUnsafeMutableBufferPointer { p2 in
                        let v = Lanes(pv), g = Lanes(pg), s1 = Lanes(p1), s2 = Lanes(p2)
                        return inHalves(count) { start, length in
                            let v = v.advanced(by: start), g = g.advanced(by: start)
                            let s1 = s1.advanced(by: start), s2 = s2.advanced(by: start)
                            switch kind {
                            case .sgd(let momentum, let nesterov):
                                return sgd(length, v, g, s1, rate, shrink, terms, momentum, nesterov)
                            case .adam(let beta1, let beta2, let epsilon), .adamW(let beta1, let beta2, let epsilon):
                                return adam(length, v, g, s1, s2, rate, shrink, terms, beta1, beta2, epsilon, step)
                            case .rmsprop(let rho, let epsilon, let momentum):
                                return rmsprop(length, v, g, s1, s2, rate, shrink, terms, rho, epsilon, momentum)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Parameters at least this long are updated as two halves, on two threads when the
    /// engine has them: on two threads the update of W2's 200k-weight layer was otherwise a
    /// serial 5% of the step between parallel products.
    static let splitThreshold = 1 << 15

    /// Runs `body(start, length)` over `0..<count` as one range or, from `splitThreshold` on,
    /// two halves split at a multiple of 8, and returns the sum of the results. The halves do
    /// not depend on the thread count, so Σg² is summed the same way on one thread or two.
    @inline(__always)
    static func inHalves(_ count: Int, _ body: (Int, Int) -> Float) -> Float {
        guard count >= splitThreshold else { return body(0, count) }
        let boundary = count / 16 * 8
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: 2) { results in
            func run(_ part: Int) {
                results[part] = part == 0 ? body(0, boundary) : body(boundary, count - boundary)
            }
            if GEMM.threadCount > 1 {
                Parallel.forEach(2, run)
            } else {
                run(0)
                run(1)
            }
            return results[0] + results[1]
        }
    }

    /// Runs `body(index, lanes)` over 8-wide chunks, the tail as one partial chunk.
    @inline(__always)
    static func sweep(_ count: Int, _ body: (Int, Int) -> Void) {
        var i = 0
        while i + 8 <= count {
            body(i, 8)
            i += 8
        }
        if i < count { body(i, count - i) }
    }

    @inline(__always)
    static func adjusted(_ g: V, _ p: V, _ terms: GradientTerms) -> V {
        var result = g
        if terms.scale != 1 { result *= terms.scale }
        if let clip = terms.clipValue { result = result.clamped(lowerBound: V(repeating: -clip), upperBound: V(repeating: clip)) }
        if terms.l2 != 0 { result = result.addingProduct(p, terms.l2) }
        if terms.l1 != 0 {
            let zero = V()
            let sign = V(repeating: 1).replacing(with: -1, where: p .< zero).replacing(with: 0, where: p .== zero)
            result = result.addingProduct(sign, terms.l1)
        }
        return result
    }

    static func sgd(
        _ count: Int, _ v: Lanes, _ g: Lanes, _ velocity: Lanes, _ rate: Float, _ shrink: Float,
        _ terms: GradientTerms, _ momentum: Float, _ nesterov: Bool
    ) -> Float {
        // The common case (plain momentum, no clipping, decay or shrink) as a branch-free loop
        // over whole chunks; the same arithmetic as the general loop, so results are identical.
        if let pv = v.base, let pg = g.base, let ps = velocity.base, momentum != 0, !nesterov, shrink == 1,
           terms.scale == 1, terms.clipValue == nil, terms.l2 == 0, terms.l1 == 0 {
            var squares = V()
            let whole = count / 8 * 8
            let negativeRate = V(repeating: -rate)
            var i = 0
            while i < whole {
                let p = UnsafeRawPointer(pv + i).loadUnaligned(as: V.self)
                let raw = UnsafeRawPointer(pg + i).loadUnaligned(as: V.self)
                squares = squares.addingProduct(raw, raw)
                UnsafeMutableRawPointer(pg + i).storeBytes(of: V(), as: V.self)
                let newVelocity = UnsafeRawPointer(ps + i).loadUnaligned(as: V.self) * momentum + raw
                UnsafeMutableRawPointer(ps + i).storeBytes(of: newVelocity, as: V.self)
                UnsafeMutableRawPointer(pv + i).storeBytes(of: p.addingProduct(newVelocity, negativeRate), as: V.self)
                i += 8
            }
            if i < count {
                let n = count - i
                let p = v.load(i, n)
                let raw = g.load(i, n)
                squares = squares.addingProduct(raw, raw)
                g.store(V(), i, n)
                let newVelocity = velocity.load(i, n) * momentum + raw
                velocity.store(newVelocity, i, n)
                v.store(p.addingProduct(newVelocity, -rate), i, n)
            }
            return squares.sum()
        }
        var squares = V()
        sweep(count) { i, n in
            var p = v.load(i, n)
            let raw = g.load(i, n)
            squares = squares.addingProduct(raw, raw)
            let grad = adjusted(raw, p, terms)
            g.store(V(), i, n)
            if shrink != 1 { p *= shrink }
            var direction = grad
            if momentum != 0 {
                let newVelocity = velocity.load(i, n) * momentum + grad
                velocity.store(newVelocity, i, n)
                direction = nesterov ? grad.addingProduct(newVelocity, momentum) : newVelocity
            }
            v.store(p.addingProduct(direction, -rate), i, n)
        }
        return squares.sum()
    }

    static func adam(
        _ count: Int, _ v: Lanes, _ g: Lanes, _ m1: Lanes, _ m2: Lanes, _ rate: Float, _ shrink: Float,
        _ terms: GradientTerms, _ beta1: Float, _ beta2: Float, _ epsilon: Float, _ step: Int
    ) -> Float {
        let correction1 = 1 - Float(pow(Double(beta1), Double(step)))
        let rootCorrection2 = Float((1 - pow(Double(beta2), Double(step))).squareRoot())
        let stepSize = rate / correction1
        var squares = V()
        sweep(count) { i, n in
            var p = v.load(i, n)
            let raw = g.load(i, n)
            squares = squares.addingProduct(raw, raw)
            let grad = adjusted(raw, p, terms)
            g.store(V(), i, n)
            if shrink != 1 { p *= shrink }
            let m = m1.load(i, n) * beta1 + grad * (1 - beta1)
            let s = m2.load(i, n) * beta2 + grad * grad * (1 - beta2)
            m1.store(m, i, n)
            m2.store(s, i, n)
            let denominator = s.squareRoot() / rootCorrection2 + epsilon
            v.store(p - stepSize * m / denominator, i, n)
        }
        return squares.sum()
    }

    static func rmsprop(
        _ count: Int, _ v: Lanes, _ g: Lanes, _ square: Lanes, _ buffer: Lanes, _ rate: Float, _ shrink: Float,
        _ terms: GradientTerms, _ rho: Float, _ epsilon: Float, _ momentum: Float
    ) -> Float {
        var squares = V()
        sweep(count) { i, n in
            var p = v.load(i, n)
            let raw = g.load(i, n)
            squares = squares.addingProduct(raw, raw)
            let grad = adjusted(raw, p, terms)
            g.store(V(), i, n)
            if shrink != 1 { p *= shrink }
            let s = square.load(i, n) * rho + grad * grad * (1 - rho)
            square.store(s, i, n)
            var direction = grad / (s.squareRoot() + epsilon)
            if momentum != 0 {
                direction = buffer.load(i, n) * momentum + direction
                buffer.store(direction, i, n)
            }
            v.store(p.addingProduct(direction, -rate), i, n)
        }
        return squares.sum()
    }
}

/// 8-wide loads and stores on a Float buffer; a partial chunk (n < 8) reads zeros past the end
/// and writes only its valid lanes.
struct Lanes {
    let base: UnsafeMutablePointer<Float>?
    /// An empty buffer (a slot the rule does not keep) is nil: an empty array's base address
    /// may be non-nil, and `advanced(by:)` must not turn it into a pointer past nothing.
    init(_ buffer: UnsafeMutableBufferPointer<Float>) { base = buffer.isEmpty ? nil : buffer.baseAddress }
    private init(base: UnsafeMutablePointer<Float>?) { self.base = base }

    /// The same buffer from element `offset` on (an absent buffer stays absent).
    func advanced(by offset: Int) -> Lanes { Lanes(base: base.map { $0 + offset }) }

    @inline(__always)
    func load(_ i: Int, _ n: Int) -> SIMD8<Float> {
        guard let base else { return SIMD8() }
        if n == 8 { return UnsafeRawPointer(base + i).loadUnaligned(as: SIMD8<Float>.self) }
        var result = SIMD8<Float>()
        for lane in 0..<n { result[lane] = base[i + lane] }
        return result
    }

    @inline(__always)
    func store(_ value: SIMD8<Float>, _ i: Int, _ n: Int) {
        guard let base else { return }
        if n == 8 {
            UnsafeMutableRawPointer(base + i).storeBytes(of: value, as: SIMD8<Float>.self)
            return
        }
        for lane in 0..<n { base[i + lane] = value[lane] }
    }
}
