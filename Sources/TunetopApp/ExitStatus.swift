/// Exit statuses of the command-line contract; scripts and checks rely on these numbers.
public enum ExitStatus: Int32, Sendable {
    /// The run completed, stopped early or was stopped by the user.
    case success = 0
    /// An error; one line on standard error names the file, key or value at fault.
    case error = 1
    /// A usage error (unknown flag, missing argument).
    case usage = 2
    /// Training diverged (non-finite loss with the `stop` policy).
    case diverged = 3
}

/// A failure that ends the command with one line on standard error and a contract status.
public struct CLIFailure: Error, CustomStringConvertible {
    /// The one line shown after `tunetop: `.
    public var message: String
    /// The process exit status.
    public var status: ExitStatus

    /// Creates a failure; errors default to status 1.
    public init(_ message: String, status: ExitStatus = .error) {
        self.message = message
        self.status = status
    }

    public var description: String { message }
}
