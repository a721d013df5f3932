import ArgumentParser

/// `tunetop sweep SWEEP`: grid or random search, one run per trial.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep", abstract: "Grid or random search over config keys, one run per trial.")

    @Argument(help: ArgumentHelp("A TOML sweep file.", valueName: "SWEEP"))
    var sweep: String

    @OptionGroup var options: RunOptions

    func run() throws {
        throw CLIFailure("sweep is not wired yet")
    }
}
