import ArgumentParser

/// `tunetop train [CONFIG]`: trains with the live dashboard, or progress lines headless.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model (the bundled digits MLP without a config) with the live dashboard.")

    @Argument(help: ArgumentHelp("A TOML run config (see sample-data/configs).", valueName: "CONFIG"))
    var config: String?

    @Flag(name: .long, help: "Print progress lines instead of the dashboard (implied when stdout is not a terminal).")
    var headless = false

    @OptionGroup var options: RunOptions

    func run() throws {
        throw CLIFailure("train is not wired yet")
    }
}
