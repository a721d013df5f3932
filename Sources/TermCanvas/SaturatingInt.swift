extension Int {
    /// `value` rounded and clamped to ±1e9 (0 for NaN): plot coordinates computed from
    /// extreme or non-finite data must never trap in `Int(_:)`.
    @inlinable
    public init(plotting value: Double) {
        guard !value.isNaN else { self = 0; return }
        self = Int(Swift.min(1e9, Swift.max(-1e9, value.rounded())))
    }
}
