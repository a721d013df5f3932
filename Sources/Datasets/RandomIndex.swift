import Engine

/// Integer draws and shuffles spelled out here rather than through the standard library's
/// `shuffle(using:)`, whose algorithm is not guaranteed across Swift releases: a seed must
/// give the same split and the same epoch order on every toolchain.
enum RandomIndex {
    /// A uniform integer in `0..<bound` (Lemire's multiply-shift with rejection, unbiased).
    static func below(_ bound: Int, using rng: inout SeededRNG) -> Int {
        precondition(bound > 0, "RandomIndex.below needs a positive bound")
        let range = UInt64(bound)
        var product = rng.next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = rng.next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// Fisher–Yates shuffle in place.
    static func shuffle(_ values: inout [Int], using rng: inout SeededRNG) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            let j = below(i + 1, using: &rng)
            if i != j { values.swapAt(i, j) }
        }
    }

    /// `0..<count` in a seeded random order.
    static func permutation(count: Int, using rng: inout SeededRNG) -> [Int] {
        var values = Array(0..<count)
        shuffle(&values, using: &rng)
        return values
    }
}
