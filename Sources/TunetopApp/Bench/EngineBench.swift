import Engine
import Foundation

/// The engine's benchmarks: SGEMM GFLOP/s and training samples/s for the shared reference
/// workloads (`shared/bench/workloads.py`): same shapes, batch sizes, optimizer, He-normal
/// weights with zero biases, Gaussian inputs labelled by a random linear teacher. Timing
/// mirrors `train_baselines.py`: untimed warm-up passes, then 5 repetitions of as many whole
/// passes as fill `repetitionSeconds`; the figure is the median.
public enum EngineBench {
    /// One reference workload's definition.
    public struct Workload: Sendable {
        public var name: String
        public var widths: [Int]
        public var batch: Int
        public var stepsPerPass: Int
        public var learningRate: Float
    }

    /// W1 digits-mlp and W2 mnist-mlp (SGD lr 0.01, momentum 0.9).
    public static let workloads: [String: Workload] = [
        "W1": Workload(name: "W1", widths: [64, 128, 64, 10], batch: 32, stepsPerPass: 56, learningRate: 0.01),
        "W2": Workload(name: "W2", widths: [784, 256, 128, 10], batch: 128, stepsPerPass: 80, learningRate: 0.01),
    ]

    /// Seconds each timed repetition lasts at least.
    public static let repetitionSeconds = 0.5

    /// GFLOP/s of an n×n×n product on `threads` threads (median of 5 repetitions).
    public static func sgemm(n: Int, threads: Int) -> BenchFigure {
        let saved = GEMM.threadCount
        GEMM.threadCount = threads
        defer { GEMM.threadCount = saved }
        var rng = SeededRNG(seed: UInt64(n))
        let a = Tensor.normal(shape: [n, n], rng: &rng).storage
        let b = Tensor.normal(shape: [n, n], rng: &rng).storage
        var c = [Float](repeating: 0, count: n * n)
        func product() {
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    c.withUnsafeMutableBufferPointer { cp in
                        GEMM.multiply(m: n, n: n, k: n, a: ap.baseAddress!, lda: n, b: bp.baseAddress!, ldb: n,
                                      c: cp.baseAddress!, ldc: n)
                    }
                }
            }
        }
        product()
        let rates = repeatTimed(minimumSeconds: 0.25, unit: product).map { calls, seconds in
            2 * Double(n) * Double(n) * Double(n) * Double(calls) / seconds / 1e9
        }
        return BenchFigure(
            figure: "sgemm", n: n, threads: threads, value: median(rates), unit: "GFLOP/s",
            details: ["best": rates.max() ?? 0, "reps": Double(rates.count)])
    }

    /// Training samples/s of workload `W1` or `W2` on `threads` threads.
    public static func train(workload name: String, threads: Int) throws -> BenchFigure {
        guard let workload = workloads[name] else {
            throw EngineError.invalidHyperparameter(
                context: "bench train", name: "workload", value: name, allowed: workloads.keys.sorted().joined(separator: ", "))
        }
        let saved = GEMM.threadCount
        GEMM.threadCount = threads
        defer { GEMM.threadCount = saved }
        let run = try TrainingRun(workload)
        run.pass()
        run.pass()
        let samples = Double(workload.batch * workload.stepsPerPass)
        let rates = repeatTimed(minimumSeconds: repetitionSeconds, unit: run.pass).map { passes, seconds in
            samples * Double(passes) / seconds
        }
        return BenchFigure(
            figure: "train", workload: name, threads: threads, value: median(rates), unit: "samples/s",
            details: [
                "step_ms": 1000 * Double(workload.batch) / median(rates),
                "final_loss": Double(run.lastLoss), "reps": Double(rates.count),
            ])
    }

    /// A model, optimizer and pre-sliced batches for one workload.
    final class TrainingRun {
        let model: Sequential
        let optimizer: Optimizer
        let loss: SoftmaxCrossEntropy
        let batches: [(Tensor, [Int])]
        var lastLoss: Float = .nan

        init(_ workload: Workload) throws {
            var rng = SeededRNG(seed: 1234)
            let inputs = workload.widths[0]
            let classes = workload.widths.last!
            let count = workload.batch * workload.stepsPerPass
            let x = Tensor.normal(shape: [count, inputs], rng: &rng)
            let teacher = Tensor.normal(shape: [inputs, classes], rng: &rng)
            let labels = try GEMM.multiply(x, teacher).argmaxRows()
            batches = try (0..<workload.stepsPerPass).map { step in
                let rows = (step * workload.batch)..<((step + 1) * workload.batch)
                return (try x.rows(rows), Array(labels[rows]))
            }
            var layers: [any Layer] = []
            for (index, (fanIn, fanOut)) in zip(workload.widths, workload.widths.dropFirst()).enumerated() {
                layers.append(try Dense(name: "dense\(index + 1)", inputSize: fanIn, outputSize: fanOut, rng: &rng))
                if index < workload.widths.count - 2 { layers.append(ReLU(name: "relu\(index + 1)")) }
            }
            model = try Sequential(layers)
            optimizer = try Optimizer(kind: .sgd(momentum: 0.9, nesterov: false), learningRate: workload.learningRate)
            loss = try SoftmaxCrossEntropy()
        }

        /// One pass over the batches: forward, loss, backward, SGD step.
        func pass() {
            do {
                for (x, labels) in batches {
                    let result = try loss.evaluate(model.forward(x, training: true), labels: labels)
                    try model.accumulateGradients(result.gradient)
                    try optimizer.step(model.parameters)
                    lastLoss = result.loss
                }
            } catch {
                lastLoss = .nan
            }
        }
    }

    /// Five repetitions, each of as many calls of `unit` as fill `minimumSeconds`:
    /// (calls, seconds) per repetition.
    static func repeatTimed(minimumSeconds: Double, unit: () -> Void) -> [(Int, Double)] {
        let start = now()
        unit()
        let once = max(now() - start, 1e-7)
        let calls = max(1, Int(minimumSeconds / once))
        return (0..<5).map { _ in
            let begin = now()
            for _ in 0..<calls { unit() }
            return (calls, now() - begin)
        }
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// CPU time of the calling thread: on a shared machine the wall clock also counts other
    /// processes' turns, the thread's CPU time does not.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
