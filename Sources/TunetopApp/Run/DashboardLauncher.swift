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

    /// Refuses a `--theme` that names no theme before anything else happens, with or without
    /// a terminal: a typo is a mistake even when the dashboard would not have shown.
    static func checkTheme(_ name: String?, in catalog: ThemeCatalog = BundledThemes.catalog()) throws {
        guard let name else { return }
        if let problem = BundledThemes.problem(with: name, in: catalog, unknown: "not found") {
            throw CLIFailure("theme '\(name)' \(problem)")
        }
    }

    private static func dashboardOptions(
        theme name: String?, speed: Double, smoothing: Double?, exitWhenFinished: Bool
    ) throws -> DashboardOptions {
        let catalog = BundledThemes.catalog()
        for problem in catalog.problems { Terminal.warn("warning: \(problem)") }
        try checkTheme(name, in: catalog)
        let chosen = catalog.theme(named: name ?? "default") ?? catalog.themes[0]
        var options = DashboardOptions(theme: chosen, themes: catalog.themes, replaySpeed: speed)
        if let smoothing { options.smoothing = smoothing }
        options.exitWhenFinished = exitWhenFinished
        return options
    }
}
