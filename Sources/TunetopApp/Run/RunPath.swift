import Foundation
import Telemetry

/// Checks on run paths given on the command line, so a typo is one clear line rather than a
/// follower that waits forever for a file that will never appear.
enum RunPath {
    /// Throws a `CLIFailure` naming the path when nothing exists there.
    static func requireExisting(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIFailure("\(path): no such run directory or tfevents file")
        }
    }

    /// Reads a whole run (directory or file) for replay, export or comparison. Damage is
    /// reported on standard error and skipped, so every valid record is still shown; a path
    /// with damage and not one valid record is an error (exit 1), not an empty success.
    static func read(_ path: String) throws -> RunContents {
        try requireExisting(path)
        let contents: RunContents
        do {
            contents = try RunReader.read(path: path)
        } catch {
            throw failure(path, error)
        }
        for damage in contents.damages { Terminal.warn("warning: \(damage)") }
        if contents.events.isEmpty, !contents.damages.isEmpty {
            throw CLIFailure("\(path): no valid event record (\(contents.damages.count) damaged region(s) reported above)")
        }
        return contents
    }

    /// One line for a failure on `path`: the run-file errors already name their file.
    static func failure(_ path: String, _ error: any Error) -> CLIFailure {
        if let error = error as? RunFileError { return CLIFailure(error.description) }
        return CLIFailure("\(path): \(error)")
    }

    /// A display name for a run: its directory name, or the file's parent directory.
    static func displayName(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        let url = URL(fileURLWithPath: path).standardizedFileURL
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            return url.deletingLastPathComponent().lastPathComponent
        }
        return url.lastPathComponent
    }
}
