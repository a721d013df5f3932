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
    /// Close the dashboard as soon as the run ends (a sweep moves on to its next trial).
    var exitWhenFinished = false
    /// Events recorded at the start of the run and shown first (a sweep's standings).
    var preamble: [Event] = []
    /// What the dashboard header calls the run (default: the run directory's name).
    var title: String?

    /// How the run ended, and how the user left its dashboard (nil: no dashboard, or it
    /// closed because the run ended).
    struct Outcome {
        var summary: RunSummary
        var dashboardExit: ExitRequest?
    }

    /// Trains and returns the recorded summary.
    func run() throws -> RunSummary {
        try runWithOutcome().summary
    }

    /// Trains; the outcome says also how the user left the dashboard.
    func runWithOutcome() throws -> Outcome {
        let built = try RunBuilding.build(config)
        let directory = try RunDirectory.create(root: options.runs, preferred: options.name, base: baseName)
        let resolved = config.renderTOML()
        try directory.saveConfig(resolved)
        let writer = try RunBuilding.openWriter(directory)
        writer.write([Event(step: 0, wallTime: Date().timeIntervalSince1970, tag: Tag.config, value: .text(resolved))])
        writer.write(preamble)

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
        var dashboardExit: ExitRequest?
        var announcedSteps: Int?
        if interactive {
            var unshown = preamble
            let exit = try DashboardLauncher.run(
                .live(name: title ?? directory.name), theme: config.dashboard.theme, smoothing: config.dashboard.smoothing,
                exitWhenFinished: exitWhenFinished,
                pollEvents: {
                    // Runs at the frame rate for the whole run: copy and scan only while needed.
                    var events = trainer.drain()
                    if !unshown.isEmpty {
                        events = unshown + events
                        unshown = []
                    }
                    if announcedSteps == nil, let total = events.first(where: { $0.tag == Tag.totalSteps }),
                       case .scalar(let steps) = total.value {
                        announcedSteps = Int(steps)
                    }
                    return events
                },
                sendCommand: { trainer.send($0, source: .key) })
            dashboardExit = exit
            switch exit {
            case nil:
                showLines = true
            case .keepTrainingHeadless?:
                // With no screen left nobody could resume a paused run.
                if trainer.status.state == .paused { trainer.send(.resume, source: .key) }
                print("run \(directory.name) continues headless: \(directory.path)")
                showLines = true
            case .runEnded?:
                dashboardExit = nil
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
            signalled = followHeadless(trainer, epochs: trainerConfig.epochs, totalSteps: announcedSteps)
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
        return Outcome(summary: summary, dashboardExit: dashboardExit)
    }

    /// Progress lines until the trainer ends; a signal interrupts the run cleanly. Returns
    /// the signal that ended it, if any.
    private func followHeadless(_ trainer: Trainer, epochs: Int, totalSteps: Int?) -> Int32? {
        let latch = SignalLatch.install([SIGINT, SIGTERM, SIGHUP]) { _ in trainer.interrupt() }
        defer { latch.uninstall() }
        var reporter = HeadlessReporter(epochs: epochs, write: { line in
            print(line)
            fflush(nil)
        })
        // After a dashboard, the events so far are gone from the live buffer.
        let status = trainer.status
        reporter.resume(epoch: status.epoch, step: status.step, totalSteps: totalSteps)
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
