import ArgumentParser
import Foundation

/// `tunetop train [CONFIG]`: trains with the live dashboard, or progress lines headless.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model (the bundled digits MLP without a config) with the live dashboard.",
        discussion: """
            The run is recorded under RUNS/<name>/ (TensorBoard event files, config.toml, \
            checkpoints/). The config is validated before anything is created. The theme is the \
            config's dashboard.theme (--set dashboard.theme=NAME): a themes/*.theme file's name \
            without .theme, or the name inside it. Exit status: 0 completed, early-stopped or \
            stopped by the user; 1 error (an invalid config: one line naming file, line and key); \
            3 diverged; 128+N when ended by signal N (the run is still closed and complete).
            """)

    @Argument(help: ArgumentHelp("A TOML run config (see sample-data/configs).", valueName: "CONFIG"))
    var config: String?

    @Flag(name: .long, help: "Print progress lines instead of the dashboard (implied when stdout is not a terminal).")
    var headless = false

    @OptionGroup var options: RunOptions

    func run() throws {
        let (resolved, baseName) = try ConfigLoading.resolve(path: config, options: options)
        let summary = try RecordedRun(config: resolved, baseName: baseName, options: options, headless: headless).run()
        if summary.endReason == .diverged {
            throw ExitCode(ExitStatus.diverged.rawValue)
        }
    }
}
