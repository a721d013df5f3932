/// A stretch of a run file that could not be read: reported, skipped, never turned into values.
public struct Damage: Sendable, Equatable, CustomStringConvertible {
    /// The file, as the reader was given it (or found it in the directory).
    public var file: String
    /// Byte offset in the file where the damaged record (or unreadable stretch) begins.
    public var offset: Int
    /// What is wrong, e.g. `bad data checksum (length 42); record skipped`.
    public var reason: String

    /// Creates a report.
    public init(file: String, offset: Int, reason: String) {
        self.file = file
        self.offset = offset
        self.reason = reason
    }

    /// One line for logs and standard error: `file: byte 1234: reason`.
    public var description: String { "\(file): byte \(offset): \(reason)" }
}

/// Errors that stop a run file from being opened or written at all (damage inside a file is not
/// an error: it is reported as `Damage` and the rest is read).
public enum RunFileError: Error, Equatable, CustomStringConvertible {
    /// Nothing exists at the path.
    case notFound(path: String)
    /// A directory without any `*tfevents*` file.
    case noEventFiles(directory: String)
    /// A system call failed on a file.
    case io(file: String, operation: String, reason: String)

    /// One line naming the file at fault.
    public var description: String {
        switch self {
        case .notFound(let path): return "\(path): no such file or directory"
        case .noEventFiles(let directory): return "\(directory): no TensorBoard event files (*tfevents*) in this directory"
        case .io(let file, let operation, let reason): return "\(file): \(operation) failed: \(reason)"
        }
    }
}
