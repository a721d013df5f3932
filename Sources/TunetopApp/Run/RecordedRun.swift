import Dashboard
import Foundation
import Telemetry
import Training

/// One recorded training run from a resolved config: builds the model and data, opens the
/// run directory and its event file, starts the trainer thread and shows it — dashboard in
/// a terminal, progress lines otherwise — until it ends. The run file is closed (fsync) on
/// every way out, so a run is complete whatever the user did.
struct RecordedRun {
    let config: RunConfig
    /// The config's name (file stem, or `digits-mlp` for the built-in default).
    let baseName: String
    let options: RunOptions
    let headless: Bool

    /// Trains and returns the recorded summary.
    func run() throws -> RunSummary {
        let built = try RunBuilding.build(config)
        let directory = try RunDirectory.create(root: options.runs, preferred: options.name, base: baseName)
        let resolved = config.renderTOML()
        try directory.saveConfig(resolved)
        let writer = try RunBuilding.openWriter(directory)
        writer.write([Event(step: 0, wallTime: Date().timeIntervalSince1970, tag: Tag.config, value: .text(resolved))])

        var trainerConfig = built.trainerConfig
        trainerConfig.checkpointDirectory = directory.checkpointsPath
        let trainer: Trainer
        do {
            trainer = try Trainer(
                model: built.model, optimizer: built.optimizer, loss: built.loss, train: built.train,
                validation: built.validation, config: trainerConfig, sink: RunFileSink(writer: writer),
                observers: [DoctorObserver()])
        } catch {
            // `RunBuilder.build` checks what the trainer does, so this is a safety net.
            try? writer.close()
            directory.discard()
            throw CLIFailure("\(error)")
        }

        let interactive = !headless && Terminal.isInteractive
        if !interactive {
            print("run \(directory.name): \(directory.path)")
        }
        trainer.start()
        var signalled: Int32?
        var showLines = !interactive
        if interactive {
            let exit = try DashboardLauncher.run(
                .live(name: directory.name), theme: config.dashboard.theme, smoothing: config.dashboard.smoothing,
                pollEvents: { trainer.drain() },
                sendCommand: { trainer.send($0, source: .key) })
            switch exit {
            case nil:
                showLines = true
            case .keepTrainingHeadless?:
                print("run \(directory.name) continues headless: \(directory.path)")
                showLines = true
            case .stopTraining?:
                if !(trainer.status.state == .finished) { trainer.send(.stopEarly, source: .key) }
            case .quit?:
                if !(trainer.status.state == .finished) { trainer.interrupt() }
            case .signal(let number)?:
                signalled = number
                trainer.interrupt()
            }
        }
        if showLines {
            signalled = followHeadless(trainer, epochs: trainerConfig.epochs)
        }
        let summary: RunSummary
        do {
            summary = try trainer.wait()
        } catch {
            try? writer.close()
            throw CLIFailure("run \(directory.name): \(error)")
        }
        do {
            try writer.close()
        } catch {
            throw CLIFailure("\(directory.path): \(error)")
        }
        if interactive && !showLines {
            print(Self.closingLine(summary, directory: directory))
        }
        if let signalled {
            Foundation.exit(128 + signalled)
        }
        return summary
    }

    /// Progress lines until the trainer ends; a signal interrupts the run cleanly. Returns
    /// the signal that ended it, if any.
    private func followHeadless(_ trainer: Trainer, epochs: Int) -> Int32? {
        let latch = SignalLatch.install([SIGINT, SIGTERM, SIGHUP]) { _ in trainer.interrupt() }
        defer { latch.uninstall() }
        var reporter = HeadlessReporter(epochs: epochs, write: { line in
            print(line)
            fflush(nil)
        })
        while !(trainer.status.state == .finished) {
            reporter.consume(trainer.drain())
            Thread.sleep(forTimeInterval: 0.05)
        }
        reporter.consume(trainer.drain())
        return latch.received
    }

    static func closingLine(_ summary: RunSummary, directory: RunDirectory) -> String {
        var line = "run \(directory.name) \(summary.endReason.rawValue)"
        if let steps = summary.steps { line += " after \(steps) steps" }
        if let loss = summary.bestValLoss { line += String(format: ", best val loss %.4f", loss) }
        if let accuracy = summary.bestValAccuracy { line += String(format: " (val acc %.2f%%)", accuracy * 100) }
        return line + ": \(directory.path)"
    }
}
