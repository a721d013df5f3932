import CursesBackend
import Dashboard
import Foundation
import Telemetry
import TermCanvas

/// Puts a dashboard on the terminal for any of the three event sources, with the theme the
/// user asked for; reports `nil` when no terminal can be started so the caller falls back
/// to progress lines.
enum DashboardLauncher {
    /// Runs the dashboard until the user leaves it; `nil` when the terminal could not start.
    static func run(
        _ mode: DashboardMode, theme: String?, speed: Double = 1, smoothing: Double? = nil,
        exitWhenFinished: Bool = false,
        pollEvents: @escaping () -> [Event] = { [] },
        sendCommand: @escaping (Command) -> Void = { _ in }
    ) throws -> ExitRequest? {
        let options = try dashboardOptions(
            theme: theme, speed: speed, smoothing: smoothing, exitWhenFinished: exitWhenFinished)
        do {
            return try CursesScreen.run(options: CursesOptions()) { screen in
                DashboardApp.run(mode, screen: screen, options: options, pollEvents: pollEvents, sendCommand: sendCommand)
            }
        } catch let error as CursesError {
            Terminal.warn("no dashboard (\(error)); printing progress lines instead")
            return nil
        }
    }

    /// For replay and follow: `true` when the dashboard was shown.
    static func present(
        _ mode: DashboardMode, theme: String?, speed: Double = 1, pollEvents: @escaping () -> [Event] = { [] }
    ) throws -> Bool {
        let exit = try run(mode, theme: theme, speed: speed, pollEvents: pollEvents)
        if case .signal(let number)? = exit {
            Foundation.exit(128 + number)
        }
        return exit != nil
    }

    private static func dashboardOptions(
        theme name: String?, speed: Double, smoothing: Double?, exitWhenFinished: Bool
    ) throws -> DashboardOptions {
        var themes: [Theme] = [.dark]
        if let directory = Theme.bundledDirectory() ?? SampleData.themesDirectory() {
            let library = Theme.library(directory: directory)
            for problem in library.problems { Terminal.warn("warning: \(problem)") }
            if !library.themes.isEmpty { themes = library.themes }
        }
        var chosen = Theme.named("dark", in: themes) ?? themes[0]
        if let name, name != "default" {
            guard let named = Theme.named(name, in: themes) else {
                let known = themes.map(\.name).sorted().joined(separator: ", ")
                throw CLIFailure("theme '\(name)' not found (known: \(known))")
            }
            chosen = named
        }
        var options = DashboardOptions(theme: chosen, themes: themes, replaySpeed: speed)
        if let smoothing { options.smoothing = smoothing }
        options.exitWhenFinished = exitWhenFinished
        return options
    }
}
