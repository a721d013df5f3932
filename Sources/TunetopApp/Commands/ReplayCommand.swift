import ArgumentParser
import Foundation
import Telemetry

/// `tunetop replay RUN`: replays a saved run (ours or any tfevents file/directory).
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a saved run (a run directory or any tfevents file) in the dashboard.",
        discussion: "Without a terminal (or with --headless) prints the run's progress lines instead.")

    @Argument(help: ArgumentHelp("Run directory or tfevents file.", valueName: "RUN"))
    var runPath: String

    @Option(name: .long, help: ArgumentHelp("Playback speed multiplier.", valueName: "X"))
    var speed: Double = 1

    @OptionGroup var viewer: ViewerOptions

    func validate() throws {
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be positive (got \(speed))") }
    }

    func run() throws {
        try DashboardLauncher.checkTheme(viewer.theme)
        let contents = try RunPath.read(runPath)
        let name = RunPath.displayName(runPath)
        if viewer.wantsDashboard {
            let presented = try DashboardLauncher.present(
                .replay(events: contents.events, name: name), theme: viewer.theme, speed: speed)
            if presented { return }
        }
        var reporter = HeadlessReporter(epochs: nil, write: { print($0) })
        reporter.usesRecordedTime = true
        reporter.consume(contents.events)
        reporter.finish()
    }
}
