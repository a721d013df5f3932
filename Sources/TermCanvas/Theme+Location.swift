import Foundation

extension Theme {
    /// The environment variable that names the themes folder explicitly.
    public static let directoryEnvironmentKey = "TUNETOP_THEMES"

    /// The bundled `themes/` folder: `$TUNETOP_THEMES`, `./themes`, or `themes` beside any
    /// ancestor of the executable (`.build/release/tunetop` sits three levels below the
    /// repository root). Nil when none exists; `Theme.dark` is built in for that case.
    public static func bundledDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        executablePath: String = CommandLine.arguments.first ?? ""
    ) -> URL? {
        var candidates: [URL] = []
        if let explicit = environment[directoryEnvironmentKey], !explicit.isEmpty {
            candidates.append(URL(fileURLWithPath: explicit))
        }
        candidates.append(URL(fileURLWithPath: currentDirectory).appendingPathComponent("themes"))
        var directory = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(directory.appendingPathComponent("themes"))
            directory.deleteLastPathComponent()
        }
        return candidates.first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    /// The theme named `name` from `themes`, for a `--theme` flag; nil when there is none.
    public static func named(_ name: String, in themes: [Theme]) -> Theme? {
        themes.first { $0.name == name }
    }
}
