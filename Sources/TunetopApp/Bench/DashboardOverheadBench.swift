import Dashboard
import Engine
import Foundation
import Telemetry
import TermCanvas
import Training

/// `dashboard_overhead`: the training throughput the dashboard costs, in percent of the same
/// run headless. The budget is under 3%: the dashboard thread drains, folds and renders
/// while the trainer must not wait for it.
///
/// The attached run drives the real `DashboardApp` loop — draining the live buffer, updating
/// the state, rendering every frame at 200×60 and the default refresh rate — on a screen that
/// discards frames, because what the trainer competes with is that work, not the terminal's
/// bytes (ncurses writes only changed cells). Runs alternate, headless then attached, and the
/// figure compares the medians, so the machine's drift hits both sides alike.
enum DashboardOverheadBench {
    static func measure(epochs: Int = 200, repetitions: Int = 7) throws -> BenchFigure {
        var config = RunConfig.default
        config.epochs = epochs
        config.earlyStopping = nil
        let built = try RunBuilding.build(config)

        func examplesPerSecond(attached: Bool) throws -> (rate: Double, frames: Int, dashboardCPU: Double) {
            let rebuilt = try RunBuilding.build(config)
            let trainer = try Trainer(
                model: rebuilt.model, optimizer: rebuilt.optimizer, loss: rebuilt.loss, train: rebuilt.train,
                validation: rebuilt.validation, config: rebuilt.trainerConfig, sink: DiscardingSink())
            let screen = DiscardingScreen(size: Size(width: 200, height: 60))
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = EngineBench.threadCPUSeconds()
            trainer.start()
            if attached {
                var options = DashboardOptions()
                options.exitWhenFinished = true
                _ = DashboardApp.run(
                    .live(name: "bench"), screen: screen, options: options,
                    pollEvents: { trainer.drain() }, sendCommand: { trainer.send($0, source: .key) })
            }
            let summary = try trainer.wait()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            // This thread ran the dashboard: its CPU time is what the dashboard took from the machine.
            let dashboardCPU = (EngineBench.threadCPUSeconds() - cpuStart) / seconds
            let examples = Double(summary.steps ?? 0) * Double(config.batchSize)
            return (examples / seconds, screen.frames, dashboardCPU)
        }

        _ = try examplesPerSecond(attached: false)
        var headless: [Double] = []
        var attached: [Double] = []
        var frames: [Double] = []
        var dashboardCPU: [Double] = []
        for _ in 0..<repetitions {
            headless.append(try examplesPerSecond(attached: false).rate)
            let run = try examplesPerSecond(attached: true)
            attached.append(run.rate)
            frames.append(Double(run.frames))
            dashboardCPU.append(run.dashboardCPU)
        }
        let headlessRate = EngineBench.median(headless)
        let attachedRate = EngineBench.median(attached)
        return BenchFigure(
            figure: "dashboard_overhead", n: built.train.count, threads: GEMM.threadCount,
            value: (1 - attachedRate / headlessRate) * 100, unit: "%",
            details: [
                "headless_examples_per_s": headlessRate, "attached_examples_per_s": attachedRate,
                "frames_per_run": EngineBench.median(frames),
                "dashboard_cpu_pct": EngineBench.median(dashboardCPU) * 100, "epochs": Double(epochs), "reps": Double(repetitions),
            ])
    }
}

/// A screen that counts frames and has no keys: waiting for input sleeps, as a terminal would.
private final class DiscardingScreen: Screen {
    let size: Size
    private(set) var frames = 0

    init(size: Size) { self.size = size }

    func present(_ buffer: CellBuffer) { frames += 1 }

    func readKey(timeoutMilliseconds: Int) -> Key? {
        usleep(UInt32(max(0, timeoutMilliseconds)) * 1000)
        return nil
    }
}
