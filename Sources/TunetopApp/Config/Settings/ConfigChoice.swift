/// An enum a config key chooses from; its raw values are the words written in the file,
/// listed in error messages as the allowed values.
public protocol ConfigChoice: CaseIterable, RawRepresentable, Sendable, Equatable where RawValue == String {}

extension ConfigChoice {
    /// Every accepted spelling, in declaration order.
    static var allowedValues: [String] { allCases.map(\.rawValue) }
}
