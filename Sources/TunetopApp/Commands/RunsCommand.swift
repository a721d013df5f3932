import ArgumentParser

/// `tunetop runs [DIR]`: lists runs with their outcome.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "List runs: name, end reason, steps, best val loss/accuracy, duration.")

    @Argument(help: ArgumentHelp("Directory holding run directories.", valueName: "DIR"))
    var directory: String = "runs"

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Overlay two runs' curves in the dashboard.", valueName: "A B"))
    var compare: [String] = []

    func run() throws {
        throw CLIFailure("runs is not wired yet")
    }
}
