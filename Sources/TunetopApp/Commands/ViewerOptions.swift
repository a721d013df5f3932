import ArgumentParser

/// Flags shared by the commands that show a recorded run (`replay`, `follow`).
struct ViewerOptions: ParsableArguments {
    @Flag(name: .long, help: "Print progress lines instead of the dashboard (implied when stdout is not a terminal).")
    var headless = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Dashboard theme: the name inside a themes/*.theme file or the file's name without .theme (default: dark).",
            valueName: "NAME"))
    var theme: String?

    /// Whether to show the dashboard rather than progress lines.
    var wantsDashboard: Bool { !headless && Terminal.isInteractive }
}
