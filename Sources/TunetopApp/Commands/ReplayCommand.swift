import ArgumentParser

/// `tunetop replay RUN`: replays a saved run (ours or any tfevents file/directory).
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay", abstract: "Replay a saved run (a run directory or any tfevents file) in the dashboard.")

    @Argument(help: ArgumentHelp("Run directory or tfevents file.", valueName: "RUN"))
    var runPath: String

    @Option(name: .long, help: ArgumentHelp("Playback speed multiplier.", valueName: "X"))
    var speed: Double = 1

    func validate() throws {
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be positive (got \(speed))") }
    }

    func run() throws {
        throw CLIFailure("replay is not wired yet")
    }
}
