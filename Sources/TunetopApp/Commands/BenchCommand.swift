import ArgumentParser
import Foundation

/// `tunetop bench [FIGURE…]`: benchmarks as JSON lines (see DESIGN.md's contract).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run benchmarks; one JSON object per line.",
        discussion: """
            Figures: \(BenchCatalog.names.joined(separator: ", ")). Naming figures runs only those; \
            `train` runs W1, W2 and W3. Compare with the peers in ../shared/bench through \
            scripts/bench-vs-peers.sh (same machine, same run, reported as ratios).
            """)

    @Argument(help: ArgumentHelp("Figures to run (default: all).", valueName: "FIGURE"))
    var figures: [String] = []

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Thread counts to measure.", valueName: "N"))
    var threads: [Int] = [1, 2]

    func validate() throws {
        for figure in figures where !BenchCatalog.names.contains(figure) {
            throw ValidationError(
                "unknown figure '\(figure)' (known: \(BenchCatalog.names.joined(separator: ", ")))")
        }
        for count in threads where !(1...64).contains(count) {
            throw ValidationError("--threads must be between 1 and 64 (got \(count))")
        }
    }

    func run() throws {
        let selected = figures.isEmpty ? BenchCatalog.defaultOrder : figures
        for name in selected {
            for figure in try BenchCatalog.run(name, threads: threads) {
                print(figure.jsonLine)
                fflush(nil)
            }
        }
    }
}
