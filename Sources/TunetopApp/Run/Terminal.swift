import Foundation

/// Whether the dashboard can take over the terminal: both ends must be a TTY, else
/// (pipes, CI logs, `--headless`) commands print plain lines instead.
enum Terminal {
    static var isInteractive: Bool {
        isatty(STDOUT_FILENO) == 1 && isatty(STDIN_FILENO) == 1
    }

    /// One line on standard error, prefixed like every tunetop message.
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("tunetop: \(message)\n".utf8))
    }
}
