import Foundation

/// A run's directory, `RUNS/<name>/`, with its resolved config and `checkpoints/` (the run
/// contract). Names never collide: a second run with the same name gets `-2`, `-3`, …
struct RunDirectory {
    let name: String
    let path: String

    var checkpointsPath: String { (path as NSString).appendingPathComponent("checkpoints") }
    var configPath: String { (path as NSString).appendingPathComponent("config.toml") }

    /// Creates a fresh directory under `root`; `preferred` or `<base>-<timestamp>`.
    static func create(root: String, preferred: String?, base: String, now: Date = Date()) throws -> RunDirectory {
        let manager = FileManager.default
        if let preferred {
            guard !preferred.isEmpty, !preferred.contains("/"), preferred != ".", preferred != ".." else {
                throw CLIFailure("--name '\(preferred)' is not a valid run name (no '/', not empty)")
            }
        }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        let stem = preferred ?? "\(base)-\(formatter.string(from: now))"
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: root, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw CLIFailure("\(root): not a directory (--runs names the folder that holds run directories)")
        }
        do {
            try manager.createDirectory(atPath: root, withIntermediateDirectories: true)
        } catch {
            throw CLIFailure("\(root): cannot create the runs directory (\(error.localizedDescription))")
        }
        var candidate = stem
        var suffix = 2
        while manager.fileExists(atPath: (root as NSString).appendingPathComponent(candidate)) {
            candidate = "\(stem)-\(suffix)"
            suffix += 1
        }
        let path = (root as NSString).appendingPathComponent(candidate)
        let directory = RunDirectory(name: candidate, path: path)
        do {
            try manager.createDirectory(atPath: directory.checkpointsPath, withIntermediateDirectories: true)
        } catch {
            throw CLIFailure("\(path): cannot create the run directory (\(error.localizedDescription))")
        }
        return directory
    }

    /// Removes the directory of a run that could not start, so `tunetop runs` does not list
    /// a run that never trained.
    func discard() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Saves the resolved config beside the event files.
    func saveConfig(_ text: String) throws {
        do {
            try text.write(toFile: configPath, atomically: true, encoding: .utf8)
        } catch {
            throw CLIFailure("\(configPath): cannot write the resolved config (\(error.localizedDescription))")
        }
    }
}
