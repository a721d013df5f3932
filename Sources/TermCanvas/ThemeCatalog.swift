import Foundation

/// The themes of a `themes/` folder, found by the name inside a file (`name = …`) or by the
/// file's stem (`high-contrast` for `high-contrast.theme`), so a `--theme` or config value
/// works whichever of the two the user read. `default` is the dark theme.
public struct ThemeCatalog: Sendable {
    /// One `*.theme` file: its stem and what it holds, or why it did not parse.
    public struct File: Sendable {
        /// The file name without `.theme`.
        public var stem: String
        /// The path, for messages.
        public var path: String
        /// The parsed theme, or the parse error's line.
        public var theme: Result<Theme, Theme.ParseError>
    }

    /// The folder read, nil for the built-in dark theme alone.
    public let directory: URL?
    /// Every theme file, by file name.
    public let files: [File]
    /// The themes that parsed, `dark` first (the built-in one when no file defines it).
    public let themes: [Theme]
    /// A line per file that did not parse (or could not be read).
    public let problems: [String]

    /// Reads every `*.theme` file in `directory`; nil (or a missing folder) gives the
    /// built-in dark theme alone.
    public init(directory: URL?) {
        self.directory = directory
        var files: [File] = []
        var problems: [String] = []
        let urls = directory.flatMap { try? FileManager.default.contentsOfDirectory(at: $0, includingPropertiesForKeys: nil) } ?? []
        for url in urls.filter({ $0.pathExtension == "theme" }).sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
            let stem = url.deletingPathExtension().lastPathComponent
            let result: Result<Theme, Theme.ParseError>
            do {
                let text = try String(contentsOf: url, encoding: .utf8)
                result = .success(try Theme.parse(text, name: stem))
            } catch let error as Theme.ParseError {
                result = .failure(error)
                problems.append("\(url.path): \(error)")
            } catch {
                problems.append("\(url.path): \(error)")
                continue
            }
            files.append(File(stem: stem, path: url.path, theme: result))
        }
        var themes = files.compactMap { try? $0.theme.get() }
        themes.sort { ($0.name == "dark" ? 0 : 1, $0.name) < ($1.name == "dark" ? 0 : 1, $1.name) }
        if !themes.contains(where: { $0.name == "dark" }) { themes.insert(.dark, at: 0) }
        self.files = files
        self.themes = themes
        self.problems = problems
    }

    /// The theme a user means by `word`: `default` (dark), a theme's `name`, or a file stem.
    /// Nil when nothing matches or the file named does not parse (see `brokenFile`).
    public func theme(named word: String) -> Theme? {
        let wanted = word == "default" ? "dark" : word
        if let byName = Theme.named(wanted, in: themes) { return byName }
        return files.first { $0.stem == wanted }.flatMap { try? $0.theme.get() }
    }

    /// The file whose stem is `word` when it did not parse, for a message that says so.
    public func brokenFile(named word: String) -> (path: String, error: Theme.ParseError)? {
        for file in files where file.stem == word {
            if case .failure(let error) = file.theme { return (file.path, error) }
        }
        return nil
    }

    /// Every word `theme(named:)` accepts: `default`, then the names and the stems that
    /// differ from them, in the order the themes cycle.
    public var choices: [String] {
        var words = ["default"]
        for theme in themes where !words.contains(theme.name) { words.append(theme.name) }
        for file in files where !words.contains(file.stem) && (try? file.theme.get()) != nil { words.append(file.stem) }
        return words
    }
}
