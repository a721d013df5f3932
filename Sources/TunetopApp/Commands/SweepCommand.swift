import ArgumentParser
import Foundation
import Telemetry

/// `tunetop sweep SWEEP`: grid or random search, one ordinary run per trial.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Grid or random search over config keys; each trial is an ordinary recorded run.",
        discussion: """
            Trials run one after another as RUNS/<sweep>-tNN. The leaderboard (ranked by best val \
            loss) is printed after every trial and saved as RUNS/<sweep>-leaderboard.txt. In the \
            dashboard, `s` stops the current trial and the sweep moves on; `q` (or Ctrl-C) ends the \
            sweep. Run the same command again to resume: finished trials are kept, not rerun.
            """)

    @Argument(help: ArgumentHelp("A sweep spec (see sample-data/configs/sweep-digits.toml).", valueName: "SWEEP"))
    var sweep: String

    @Flag(name: .long, help: "Print progress lines instead of the dashboard.")
    var headless = false

    @OptionGroup var options: RunOptions

    func run() throws {
        let spec: SweepSpec
        let base: RunConfig
        do {
            spec = try SweepSpec.load(path: sweep)
            base = try RunConfig.load(path: spec.basePath)
            try spec.validate(base: base)
        } catch let error as ConfigError {
            throw CLIFailure(error.description)
        }
        let sweepName = options.name ?? URL(fileURLWithPath: sweep).deletingPathExtension().lastPathComponent
        let flags = try configFlags()
        let trials = spec.trials()
        // Every trial's whole config, validated before the first one trains: a combination
        // that cannot run (or a bad --set) fails now, not after hours of earlier trials.
        let configs: [RunConfig]
        do {
            configs = try trials.map { try RunConfig.load(path: spec.basePath, overrides: $0 + flags) }
        } catch let error as ConfigError {
            throw CLIFailure(error.description)
        }
        var entries: [LeaderboardEntry] = []
        for (index, trial) in trials.enumerated() {
            let trialName = String(format: "%@-t%02d", sweepName, index + 1)
            if let finished = try Self.finishedTrial(named: trialName, in: options.runs) {
                print("trial \(index + 1): already finished (\(finished.endReason)), kept")
                entries.append(entry(index, trial, finished))
                continue
            }
            let config = configs[index]
            let settings = trial.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            print("trial \(index + 1)/\(trials.count): \(settings)")
            var trialOptions = options
            trialOptions.name = trialName
            let summary = try RecordedRun(config: config, baseName: trialName, options: trialOptions, headless: headless).run()
            let row = RunRow(
                name: trialName, endReason: summary.endReason.rawValue, steps: summary.steps ?? 0,
                bestValLoss: summary.bestValLoss, bestValAccuracy: summary.bestValAccuracy, duration: 0)
            entries.append(entry(index, trial, row))
            let board = Leaderboard.render(entries)
            print(board)
            try? board.write(
                toFile: (options.runs as NSString).appendingPathComponent("\(sweepName)-leaderboard.txt"),
                atomically: true, encoding: .utf8)
            if summary.endReason == .interrupted {
                print("sweep interrupted after trial \(index + 1); run the same command to resume")
                throw ExitCode(130)
            }
        }
        print(Leaderboard.render(entries))
    }

    /// The shared flags as overrides on every trial (`--epochs` shortens all of them).
    private func configFlags() throws -> [(key: String, value: String)] {
        do {
            return try RunConfig.flagOverrides(
                epochs: options.epochs, seed: options.seed, learningRate: options.lr, set: options.overrides)
        } catch let error as ConfigError {
            throw CLIFailure(error.description)
        }
    }

    private func entry(_ index: Int, _ trial: [(key: String, value: String)], _ row: RunRow) -> LeaderboardEntry {
        LeaderboardEntry(
            trial: index + 1, parameters: trial, bestValLoss: row.bestValLoss, bestValAccuracy: row.bestValAccuracy,
            endReason: row.endReason, steps: row.steps)
    }

    /// A trial that already ended (any reason but `interrupted`) under `name` or a
    /// `name-N` rerun of it: resuming keeps it instead of training it again.
    static func finishedTrial(named name: String, in runs: String) throws -> RunRow? {
        guard FileManager.default.fileExists(atPath: runs) else { return nil }
        let candidates = try RunListing.runDirectories(in: runs).filter { $0 == name || $0.hasPrefix("\(name)-") }
        for candidate in candidates {
            let contents = try RunReader.read(path: (runs as NSString).appendingPathComponent(candidate))
            let row = RunListing.row(name: candidate, events: contents.events)
            if row.endReason != "running?" && row.endReason != EndReason.interrupted.rawValue { return row }
        }
        return nil
    }
}
