import Engine

/// Workload W3 of `shared/bench/workloads.py` (mnist-cnn): conv3×3 1→16 pad 1, ReLU,
/// max-pool 2; conv3×3 16→32 pad 1, ReLU, max-pool 2; dense 1568→10; softmax cross-entropy;
/// Adam lr 1e-3 (β 0.9/0.999, ε 1e-8); batch 64, one pass = 32 batches = 2048 samples of
/// Gaussian 1×28×28 inputs labelled by a random linear teacher. He-normal weights, zero
/// biases. Timed like `EngineBench.train` (and `train_baselines.py`): two untimed passes,
/// then 5 repetitions of as many passes as fill half a second; the figure is the median.
public enum CNNBench {
    static let batch = 64
    static let stepsPerPass = 32

    /// Training samples/s of W3 on `threads` threads.
    public static func train(threads: Int) throws -> BenchFigure {
        try train(threads: threads, repetitionSeconds: EngineBench.repetitionSeconds)
    }

    static func train(threads: Int, repetitionSeconds: Double) throws -> BenchFigure {
        guard threads >= 1 else {
            throw EngineError.invalidHyperparameter(context: "bench W3", name: "threads", value: "\(threads)", allowed: "≥ 1")
        }
        FreedMemoryRetention.enable()
        let saved = GEMM.threadCount
        GEMM.threadCount = threads
        defer { GEMM.threadCount = saved }
        let run = try Run()
        try run.pass()
        try run.pass()
        var failure: (any Error)?
        let samples = Double(batch * stepsPerPass)
        let rates = EngineBench.repeatTimed(minimumSeconds: repetitionSeconds) {
            do { try run.pass() } catch { failure = error }
        }.map { passes, seconds in samples * Double(passes) / seconds }
        if let failure { throw failure }
        let median = EngineBench.median(rates)
        return BenchFigure(
            figure: "train", workload: "W3", threads: threads, value: median, unit: "samples/s",
            details: [
                "step_ms": 1000 * Double(batch) / median, "final_loss": Double(run.lastLoss),
                "reps": Double(rates.count),
            ])
    }

    /// The W3 network, optimizer and pre-sliced batches.
    final class Run {
        let model: Sequential
        let optimizer: Optimizer
        let loss: SoftmaxCrossEntropy
        let batches: [(Tensor, [Int])]
        var lastLoss: Float = .nan

        init() throws {
            var rng = SeededRNG(seed: 1234)
            let count = batch * stepsPerPass
            let x = Tensor.normal(shape: [count, 784], rng: &rng)
            let teacher = Tensor.normal(shape: [784, 10], rng: &rng)
            let labels = try GEMM.multiply(x, teacher).argmaxRows()
            batches = try (0..<stepsPerPass).map { step in
                let rows = (step * batch)..<((step + 1) * batch)
                return (try x.rows(rows).reshaped([batch, 1, 28, 28]), Array(labels[rows]))
            }
            model = try Sequential([
                Conv2D(name: "conv1", inChannels: 1, outChannels: 16, kernelSize: 3, padding: .same, rng: &rng),
                ReLU(name: "relu1"),
                MaxPool2D(name: "pool1", kernel: 2),
                Conv2D(name: "conv2", inChannels: 16, outChannels: 32, kernelSize: 3, padding: .same, rng: &rng),
                ReLU(name: "relu2"),
                MaxPool2D(name: "pool2", kernel: 2),
                Flatten(name: "flatten"),
                Dense(name: "dense", inputSize: 7 * 7 * 32, outputSize: 10, rng: &rng),
            ])
            optimizer = try Optimizer(kind: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: 1e-3)
            loss = try SoftmaxCrossEntropy()
        }

        /// One pass: forward, loss, backward (no dX for the first conv), Adam step, per batch.
        func pass() throws {
            for (x, labels) in batches {
                let result = try loss.evaluate(model.forward(x, training: true), labels: labels)
                try model.accumulateGradients(result.gradient)
                try optimizer.step(model.parameters)
                lastLoss = result.loss
            }
        }
    }
}
