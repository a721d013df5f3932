import Datasets
import Engine
import Foundation
import Telemetry
import Training

/// The trainer's benchmarks.
public enum TrainingBench {
    /// What per-layer probes cost, as a percentage of step time, when they run every
    /// `probeEvery` steps on the W1 digits MLP (64-128-64-10, batch 32, SGD momentum).
    ///
    /// Why not time probes-every-100 against probes-off directly: the difference is ~1% of
    /// the run, well inside these VMs' minute-to-minute drift. Instead the trainer runs,
    /// interleaved, with probes on every step and with probes off; the per-probe cost is the
    /// difference of the medians (large, measurable), and the overhead at `probeEvery` is
    /// that cost spread over `probeEvery` steps. `details` carries both step times.
    public static func probeOverhead(probeEvery: Int = 100, steps: Int = 224, repetitions: Int = 5) throws -> BenchFigure {
        let batch = 32
        let examples = batch * 56
        var rng = SeededRNG(seed: 42)
        let features = Tensor.normal(shape: [examples, 64], rng: &rng)
        let labels = (0..<examples).map { _ in Int(rng.next() % 10) }
        let train = try Dataset(name: "bench", features: features, labels: labels, classCount: 10)
        let epochs = max(1, steps / 56)

        func secondsPerStep(probing: Bool) throws -> Double {
            var modelRNG = SeededRNG(seed: 7)
            let model = try Sequential([
                Dense(name: "dense1", inputSize: 64, outputSize: 128, rng: &modelRNG), ReLU(name: "relu1"),
                Dense(name: "dense2", inputSize: 128, outputSize: 64, rng: &modelRNG), ReLU(name: "relu2"),
                Dense(name: "dense3", inputSize: 64, outputSize: 10, rng: &modelRNG),
            ])
            let config = TrainerConfig(
                epochs: epochs, batchSize: batch, seed: 1, learningRate: 0.01, probeEvery: probing ? 1 : 0)
            let trainer = try Trainer(
                model: model, optimizer: Optimizer(kind: .sgdMomentum, learningRate: 0.01), loss: SoftmaxCrossEntropy(),
                train: train, validation: nil, config: config, sink: DiscardingSink())
            let start = Date().timeIntervalSince1970
            let summary = try trainer.run()
            return (Date().timeIntervalSince1970 - start) / Double(max(1, summary.steps ?? 1))
        }

        _ = try secondsPerStep(probing: false)
        var plain: [Double] = []
        var probed: [Double] = []
        for _ in 0..<repetitions {
            plain.append(try secondsPerStep(probing: false))
            probed.append(try secondsPerStep(probing: true))
        }
        let stepTime = EngineBench.median(plain)
        let probeCost = max(0, EngineBench.median(probed) - stepTime)
        let overhead = probeCost / Double(max(1, probeEvery)) / stepTime * 100
        return BenchFigure(
            figure: "probe_overhead", n: probeEvery, threads: GEMM.threadCount, value: overhead, unit: "%",
            details: [
                "step_ms": stepTime * 1000, "probe_ms": probeCost * 1000, "probe_every": Double(probeEvery),
                "every_step_pct": probeCost / stepTime * 100, "reps": Double(repetitions),
            ])
    }
}

/// A sink that drops everything (benchmarks measure the trainer, not the disk).
final class DiscardingSink: EventSink {
    func record(_ events: [Event]) {}
}
