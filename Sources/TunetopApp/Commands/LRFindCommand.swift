import ArgumentParser
import Foundation
import Telemetry
import Training

/// `tunetop lr-find [CONFIG]`: the LR range test, recorded as a run, drawn as loss vs LR.
struct LRFindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lr-find",
        abstract: "LR range test: raise the LR exponentially from a copy of the initial weights until the loss blows up.",
        discussion: """
            Draws loss against LR (log x) and suggests an LR: the steepest descent of the smoothed \
            loss, and the minimum / 10. The model's weights are restored afterwards; the points are \
            recorded as a run (lr_find/lr, lr_find/loss, lr_find/smoothed_loss, lr_find/suggestion).
            """)

    @Argument(help: ArgumentHelp("A TOML run config (default: the bundled digits MLP).", valueName: "CONFIG"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Points to measure.", valueName: "N"))
    var steps: Int = 200

    @Option(name: .customLong("start-lr"), help: ArgumentHelp("First learning rate.", valueName: "X"))
    var startLR: Double = 1e-7

    @Option(name: .customLong("end-lr"), help: ArgumentHelp("Last learning rate.", valueName: "X"))
    var endLR: Double = 10

    @OptionGroup var options: RunOptions

    func validate() throws {
        guard (10...10_000).contains(steps) else { throw ValidationError("--steps must be in 10...10000 (got \(steps))") }
        guard startLR > 0, endLR > startLR, endLR.isFinite else {
            throw ValidationError("need 0 < --start-lr < --end-lr (got \(startLR), \(endLR))")
        }
    }

    func run() throws {
        let (resolved, baseName) = try ConfigLoading.resolve(path: config, options: options)
        let built = try RunBuilding.build(resolved)
        let directory = try RunDirectory.create(root: options.runs, preferred: options.name, base: "\(baseName)-lr-find")
        let text = resolved.renderTOML()
        try directory.saveConfig(text)
        let writer = try RunBuilding.openWriter(directory)
        writer.write([Event(step: 0, wallTime: Date().timeIntervalSince1970, tag: Tag.config, value: .text(text))])
        let rangeConfig = LRRangeTestConfig(
            startLR: Float(startLR), endLR: Float(endLR), steps: steps, batchSize: built.trainerConfig.batchSize,
            seed: built.trainerConfig.seed)
        let result: LRRangeResult
        do {
            result = try LRRangeTest.run(
                model: built.model, optimizer: built.optimizer, loss: built.loss, train: built.train,
                config: rangeConfig, sink: RunFileSink(writer: writer))
        } catch {
            try? writer.close()
            throw CLIFailure("lr-find: \(error)")
        }
        let summary = RunSummary(endReason: .completed, bestStep: nil, bestValLoss: nil, steps: result.points.count)
        writer.write([Event(
            step: result.points.count, wallTime: Date().timeIntervalSince1970, tag: Tag.summary,
            value: .text(RecordJSON.encode(summary)))])
        do { try writer.close() } catch { throw CLIFailure("\(directory.path): \(error)") }

        print(LRPlot.render(result.points, width: 64, height: 16))
        if let steepest = result.steepest {
            print(String(format: "suggested LR: %.3g (steepest descent of the smoothed loss)", Double(steepest)))
        }
        if let minimum = result.minimumOverTen {
            print(String(format: "alternative:  %.3g (LR at the minimum loss / 10)", Double(minimum)))
        }
        if result.steepest == nil && result.minimumOverTen == nil {
            print("no suggestion: the loss never fell; try a wider range (--start-lr, --end-lr)")
        }
        print("recorded: \(directory.path)")
    }
}
