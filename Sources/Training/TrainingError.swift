/// Errors of the training module: each names the value or file at fault, so the command
/// line can print one clear line.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// A configuration value outside its allowed range.
    case invalidConfig(name: String, value: String, allowed: String)
    /// A checkpoint that cannot be read or does not fit the model.
    case checkpoint(path: String, detail: String)
    /// The trainer was used out of order (e.g. restored after it started).
    case invalidState(String)

    public var description: String {
        switch self {
        case .invalidConfig(let name, let value, let allowed):
            return "invalid \(name) \(value) (allowed: \(allowed))"
        case .checkpoint(let path, let detail):
            return "checkpoint \(path): \(detail)"
        case .invalidState(let detail):
            return "trainer: \(detail)"
        }
    }
}
