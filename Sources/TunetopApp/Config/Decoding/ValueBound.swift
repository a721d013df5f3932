/// A range check on a number, with the words used when it fails ("must be > 0").
struct ValueBound<Number: Comparable & Sendable>: Sendable {
    let accepts: @Sendable (Number) -> Bool
    let requirement: String

    /// Anything.
    static var any: ValueBound { ValueBound(accepts: { _ in true }, requirement: "") }

    /// Strictly above `low`.
    static func above(_ low: Number) -> ValueBound {
        ValueBound(accepts: { $0 > low }, requirement: "must be > \(low)")
    }

    /// At least `low`.
    static func atLeast(_ low: Number) -> ValueBound {
        ValueBound(accepts: { $0 >= low }, requirement: "must be >= \(low)")
    }

    /// In `[low, high)`.
    static func from(_ low: Number, below high: Number) -> ValueBound {
        ValueBound(accepts: { $0 >= low && $0 < high }, requirement: "must be >= \(low) and < \(high)")
    }

    /// In `(low, high)`.
    static func between(_ low: Number, _ high: Number) -> ValueBound {
        ValueBound(accepts: { $0 > low && $0 < high }, requirement: "must be > \(low) and < \(high)")
    }

    /// In `[low, high]`.
    static func within(_ low: Number, _ high: Number) -> ValueBound {
        ValueBound(accepts: { $0 >= low && $0 <= high }, requirement: "must be between \(low) and \(high)")
    }

    /// In `(low, high]`.
    static func above(_ low: Number, upTo high: Number) -> ValueBound {
        ValueBound(accepts: { $0 > low && $0 <= high }, requirement: "must be > \(low) and <= \(high)")
    }
}
