import Foundation

/// Checks on run paths given on the command line, so a typo is one clear line rather than a
/// follower that waits forever for a file that will never appear.
enum RunPath {
    /// Throws a `CLIFailure` naming the path when nothing exists there.
    static func requireExisting(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIFailure("\(path): no such run directory or tfevents file")
        }
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
