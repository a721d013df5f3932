/// Why a dataset could not be loaded or an operation on one was refused. Each case prints
/// as one line naming the file and the exact place (byte offset, or line and column) and
/// what was expected there, so a user can open the file and fix it.
public enum DatasetError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read at all.
    case unreadable(file: String, reason: String)
    /// A CSV cell or row is not what the loader needs (lines and columns count from 1).
    case csv(file: String, line: Int, column: Int, expected: String, found: String)
    /// A binary header or record field holds a value the format does not allow.
    case malformed(file: String, offset: Int, expected: String, found: String)
    /// The file ends before `offset`, where `expected` should have been.
    case truncated(file: String, offset: Int, expected: String)
    /// The gzip stream is corrupt; `offset` counts compressed bytes consumed so far.
    case gzip(file: String, offset: Int, detail: String)
    /// An argument (fraction, batch size, shape) is outside what the operation accepts.
    case invalidArgument(context: String, detail: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read: \(reason)"
        case .csv(let file, let line, let column, let expected, let found):
            return "\(file):\(line):\(column): expected \(expected), found \(found)"
        case .malformed(let file, let offset, let expected, let found):
            return "\(file): byte \(offset): expected \(expected), found \(found)"
        case .truncated(let file, let offset, let expected):
            return "\(file): byte \(offset): file ends early, expected \(expected)"
        case .gzip(let file, let offset, let detail):
            return "\(file): compressed byte \(offset): corrupt gzip data: \(detail)"
        case .invalidArgument(let context, let detail):
            return "\(context): \(detail)"
        }
    }
}
