import ArgumentParser

/// `tunetop bench [FIGURE…]`: benchmarks as JSON lines.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Run benchmarks; one JSON object per line.")

    @Argument(help: ArgumentHelp("Figures to run (default: all).", valueName: "FIGURE"))
    var figures: [String] = []

    func run() throws {
        throw CLIFailure("bench is not wired yet")
    }
}
