import TermCanvas

/// The themes shipped in `themes/`, for checking `dashboard.theme` while the config is
/// validated and for `--theme`: a theme is chosen by the `name =` inside its file or by the
/// file's stem, and `default` is dark.
enum BundledThemes {
    /// The bundled folder's themes (`$TUNETOP_THEMES`, `./themes`, or beside the executable
    /// or sample-data), or the built-in dark theme alone when there is no folder.
    static func catalog() -> ThemeCatalog {
        ThemeCatalog(directory: Theme.bundledDirectory() ?? SampleData.themesDirectory())
    }

    /// Why `word` chooses no theme, nil when it chooses one. `unknown` says it in the
    /// caller's words ("has unknown value 'x'", "'x' not found"); a did-you-mean and the
    /// known words follow it.
    static func problem(with word: String, in catalog: ThemeCatalog, unknown: String) -> String? {
        guard catalog.theme(named: word) == nil else { return nil }
        let known = " (known: \(catalog.choices.joined(separator: ", ")))"
        if let broken = catalog.brokenFile(named: word) {
            return "names \(broken.path), which does not parse (\(broken.error))" + known
        }
        var message = unknown + DidYouMean.clause(for: word, among: catalog.choices)
        if catalog.directory == nil {
            message += "; no themes/ folder was found (set \(Theme.directoryEnvironmentKey)), only the built-in dark theme"
        }
        return message + known
    }
}
