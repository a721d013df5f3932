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
            dashboard (which shows the standings in its event log and closes when a trial ends), `s` \
            stops the current trial and the sweep moves on; `q` then `s` ends the sweep, `q` then `k` \
            goes on headless; Ctrl-C interrupts it (exit 130). Run the same command again to resume: finished trials are kept, not rerun.
            """)

    @Argument(help: ArgumentHelp("A sweep spec (see sample-data/configs/sweep-digits.toml).", valueName: "SWEEP"))
    var sweep: String

    @Flag(name: .long, help: "Print progress lines instead of the dashboard.")
    var headless = false

    @OptionGroup var options: RunOptions

    func run() throws {
        let spec: SweepSpec
        do {
            spec = try SweepSpec.load(path: sweep)
            try spec.validate(base: try RunConfig.load(path: spec.basePath))
        } catch let error as ConfigError {
            throw CLIFailure(error.description)
        }
        let sweepName = options.name ?? URL(fileURLWithPath: sweep).deletingPathExtension().lastPathComponent
        let boardPath = (options.runs as NSString).appendingPathComponent("\(sweepName)-leaderboard.txt")
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
        var headlessNow = headless
        for (index, trial) in trials.enumerated() {
            let trialName = String(format: "%@-t%02d", sweepName, index + 1)
            let config = configs[index]
            if let finished = try Self.finishedTrial(named: trialName, in: options.runs) {
                print("trial \(index + 1): already finished (\(finished.row.endReason)), kept")
                if let saved = finished.savedConfig, saved != config.renderTOML() {
                    print("  note: it ran with a different config than this command gives now; delete "
                          + "\(finished.path) to run it again")
                }
                entries.append(entry(index, trial, finished.row))
                continue
            }
            let settings = trial.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            print("trial \(index + 1)/\(trials.count): \(settings)")
            fflush(nil)
            var trialOptions = options
            trialOptions.name = trialName
            var run = RecordedRun(config: config, baseName: trialName, options: trialOptions, headless: headlessNow)
            run.exitWhenFinished = true
            run.title = "\(trialName) · trial \(index + 1)/\(trials.count)"
            if let leader = Leaderboard.ranked(entries).first, let loss = leader.bestValLoss {
                run.title! += String(format: " · leader t%02d val loss %.4f", leader.trial, loss)
            }
            run.preamble = Self.standings(
                sweep: sweepName, trial: index + 1, of: trials.count, settings: settings, entries: entries)
            let outcome = try run.runWithOutcome()
            let summary = outcome.summary
            let row = RunRow(
                name: trialName, endReason: summary.endReason.rawValue, steps: summary.steps ?? 0,
                bestValLoss: summary.bestValLoss, bestValAccuracy: summary.bestValAccuracy, duration: 0)
            entries.append(entry(index, trial, row))
            let board = Leaderboard.render(entries)
            print(board)
            try? board.write(toFile: boardPath, atomically: true, encoding: .utf8)
            if summary.endReason == .interrupted {
                print("sweep interrupted after trial \(index + 1); run the same command to resume")
                throw ExitCode(130)
            }
            switch outcome.dashboardExit {
            case .quit?, .stopTraining?:
                print("sweep stopped by the user after trial \(index + 1) of \(trials.count); run the same command to resume")
                return
            case .keepTrainingHeadless?:
                headlessNow = true
            case nil, .runEnded?, .signal?:
                break
            }
        }
        print("sweep \(sweepName) finished: \(trials.count) trials; leaderboard saved as \(boardPath)")
    }

    /// The standings shown in each trial's event log (and recorded with it): which trial this
    /// is and the best trials so far, so the dashboard carries the leaderboard along.
    static func standings(
        sweep: String, trial: Int, of count: Int, settings: String, entries: [LeaderboardEntry]
    ) -> [Event] {
        let now = Date().timeIntervalSince1970
        var lines = ["sweep \(sweep): trial \(trial)/\(count): \(settings)"]
        let ranked = Leaderboard.ranked(entries).prefix(5)
        for (rank, entry) in ranked.enumerated() {
            var line = "#\(rank + 1) t\(String(format: "%02d", entry.trial))"
            if let loss = entry.bestValLoss { line += String(format: "  val loss %.4f", loss) }
            if let accuracy = entry.bestValAccuracy { line += String(format: " (%.2f%%)", accuracy * 100) }
            line += "  " + Leaderboard.parameters(entry.parameters)
            lines.append(line)
        }
        return lines.map { line in
            let record = AdviceRecord(rule: "sweep", severity: .info, message: line)
            return Event(step: 0, wallTime: now, tag: Tag.advice, value: .text(RecordJSON.encode(record)))
        }
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

    /// A trial run that already ended, with the config it ran with.
    struct FinishedTrial {
        var row: RunRow
        var path: String
        var savedConfig: String?
    }

    /// A trial that already ended (any reason but `interrupted`) under `name` or a
    /// `name-N` rerun of it: resuming keeps it instead of training it again.
    static func finishedTrial(named name: String, in runs: String) throws -> FinishedTrial? {
        guard FileManager.default.fileExists(atPath: runs) else { return nil }
        let candidates = try RunListing.runDirectories(in: runs).filter { $0 == name || $0.hasPrefix("\(name)-") }
        for candidate in candidates {
            let path = (runs as NSString).appendingPathComponent(candidate)
            let contents = try RunReader.read(path: path)
            let row = RunListing.row(name: candidate, events: contents.events)
            if row.endReason != "running?" && row.endReason != EndReason.interrupted.rawValue {
                let saved = try? String(contentsOfFile: (path as NSString).appendingPathComponent("config.toml"), encoding: .utf8)
                return FinishedTrial(row: row, path: path, savedConfig: saved)
            }
        }
        return nil
    }
}
