import ArgumentParser

/// `tunetop lr-find [CONFIG]`: the learning-rate range test.
struct LRFindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lr-find", abstract: "Run the LR range test and suggest a learning rate.")

    @Argument(help: ArgumentHelp("A TOML run config.", valueName: "CONFIG"))
    var config: String?

    @OptionGroup var options: RunOptions

    func run() throws {
        throw CLIFailure("lr-find is not wired yet")
    }
}
