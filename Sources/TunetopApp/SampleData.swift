import Foundation

/// Finds the bundled `sample-data/` folder, so `tunetop` works from the repository root,
/// from another directory via the built binary, or with an explicit location.
enum SampleData {
    /// The environment variable that names the folder explicitly.
    static let environmentKey = "TUNETOP_SAMPLE_DATA"

    /// The first existing candidate: `$TUNETOP_SAMPLE_DATA`, `./sample-data`, then
    /// `sample-data` beside any ancestor of the executable (`.build/release/tunetop` lives
    /// three levels below the repository root).
    static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        executablePath: String = CommandLine.arguments.first ?? ""
    ) -> URL? {
        var candidates: [URL] = []
        if let explicit = environment[environmentKey], !explicit.isEmpty {
            candidates.append(URL(fileURLWithPath: explicit))
        }
        candidates.append(URL(fileURLWithPath: currentDirectory).appendingPathComponent("sample-data"))
        var directory = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(directory.appendingPathComponent("sample-data"))
            directory.deleteLastPathComponent()
        }
        return candidates.first { isDirectory($0) }
    }

    /// Resolves a path inside the sample-data folder, or explains where it looked.
    static func file(_ relativePath: String) throws -> URL {
        guard let root = locate() else {
            throw CLIFailure(
                "cannot find the bundled sample-data folder; run from the repository root or set \(environmentKey)")
        }
        return root.appendingPathComponent(relativePath)
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
    }
}

extension SampleData {
    /// The `themes/` folder that ships beside `sample-data/` in the repository.
    static func themesDirectory() -> URL? {
        guard let root = locate() else { return nil }
        let themes = root.deletingLastPathComponent().appendingPathComponent("themes")
        return isDirectory(themes) ? themes : nil
    }
}

extension SampleData {
    /// The sample-data folder, or a failure that says where it looked.
    static func root() throws -> URL {
        guard let root = locate() else {
            throw CLIFailure(
                "cannot find the bundled sample-data folder; run from the repository root or set \(environmentKey)")
        }
        return root
    }
}
