import Datasets
import Engine
import Foundation
import Telemetry

/// Settings of the LR range test (Leslie Smith 2015; the fastai `lr_find` procedure).
public struct LRRangeTestConfig: Sendable, Equatable {
    /// First rate tried.
    public var startLR: Float
    /// Last rate tried (if the loss has not blown up before).
    public var endLR: Float
    /// Points (steps) between them, spaced exponentially.
    public var steps: Int
    /// Examples per step.
    public var batchSize: Int
    /// Seeds the batch order.
    public var seed: UInt64
    /// β of the loss's exponential moving average (fastai's 0.98).
    public var smoothing: Double
    /// Stop once the smoothed loss exceeds this many times the best smoothed loss.
    public var divergenceFactor: Double

    /// fastai's defaults: 1e-7 to 10 over 100 steps, β 0.98, stop at 4× the best.
    public init(
        startLR: Float = 1e-7, endLR: Float = 10, steps: Int = 100, batchSize: Int = 64, seed: UInt64 = 0,
        smoothing: Double = 0.98, divergenceFactor: Double = 4
    ) {
        self.startLR = startLR
        self.endLR = endLR
        self.steps = steps
        self.batchSize = batchSize
        self.seed = seed
        self.smoothing = smoothing
        self.divergenceFactor = divergenceFactor
    }

    /// Throws naming the first bad value.
    public func validate() throws {
        func check(_ ok: Bool, _ name: String, _ value: Any, _ allowed: String) throws {
            if !ok { throw TrainingError.invalidConfig(name: "lrFind.\(name)", value: "\(value)", allowed: allowed) }
        }
        try check(startLR > 0 && startLR.isFinite, "startLR", startLR, "> 0")
        try check(endLR > startLR && endLR.isFinite, "endLR", endLR, "> startLR")
        try check(steps >= 2, "steps", steps, ">= 2")
        try check(batchSize >= 1, "batchSize", batchSize, ">= 1")
        try check(smoothing >= 0 && smoothing < 1, "smoothing", smoothing, "in [0, 1)")
        try check(divergenceFactor > 1, "divergenceFactor", divergenceFactor, "> 1")
    }
}

/// One point of the sweep.
public struct LRRangePoint: Sendable, Equatable {
    /// The rate of this step.
    public var learningRate: Float
    /// The batch loss at it.
    public var loss: Double
    /// Bias-corrected moving average of the loss up to here.
    public var smoothedLoss: Double
}

/// The sweep and what it suggests.
public struct LRRangeResult: Sendable, Equatable {
    /// Every point tried, in order (the last may be the one that diverged).
    public var points: [LRRangePoint]
    /// The rate where the smoothed loss falls fastest (steepest negative slope over log LR).
    public var steepest: Float?
    /// The rate of the smallest smoothed loss, divided by 10 (fastai's "min/10" rule).
    public var minimumOverTen: Float?
    /// Whether the sweep stopped before `endLR` because the loss blew up.
    public var diverged: Bool
}

/// The LR range test: train from the model's current weights for a few steps with an
/// exponentially growing rate and watch the loss. The caller's weights, buffers and
/// optimizer state are restored afterwards, whatever happens.
public enum LRRangeTest {
    /// Runs the sweep. `sink` (if any) gets `lr_find/…` events as points are measured, with
    /// `step` = point index, so the sweep is recorded like a run.
    public static func run(
        model: Sequential, optimizer: Optimizer, loss: any Loss, train: Dataset, config: LRRangeTestConfig,
        sink: (any EventSink)? = nil
    ) throws -> LRRangeResult {
        try config.validate()
        guard train.count > 0 else { throw TrainingError.invalidConfig(name: "training set size", value: "0", allowed: ">= 1") }
        let saved = ModelState.capture(model: model, optimizer: optimizer)
        let savedRate = optimizer.learningRate
        defer {
            try? saved.restore(model: model, optimizer: optimizer, context: "lr-find")
            optimizer.learningRate = savedRate
        }
        let order = EpochOrder(count: train.count, seed: config.seed)
        let ratio = Double(config.endLR) / Double(config.startLR)
        var points: [LRRangePoint] = []
        var average = 0.0
        var bestSmoothed = Double.infinity
        var diverged = false
        var epoch = 0
        var batches = try order.batches(epoch: epoch, batchSize: config.batchSize)
        var position = 0
        for index in 0..<config.steps {
            if position == batches.count {
                epoch += 1
                batches = try order.batches(epoch: epoch, batchSize: config.batchSize)
                position = 0
            }
            let rate = Float(Double(config.startLR) * pow(ratio, Double(index) / Double(config.steps - 1)))
            let batch = train.batch(batches[position])
            position += 1
            model.zeroGradients()
            let output = try model.forward(batch.features, training: true)
            let result = try loss.evaluate(output, labels: batch.labels)
            let value = Double(result.loss)
            average = config.smoothing * average + (1 - config.smoothing) * value
            let smoothed = average / (1 - pow(config.smoothing, Double(index + 1)))
            let point = LRRangePoint(learningRate: rate, loss: value, smoothedLoss: smoothed)
            points.append(point)
            sink?.record(events(for: point, index: index))
            if !value.isFinite || !smoothed.isFinite || smoothed > config.divergenceFactor * bestSmoothed {
                diverged = true
                break
            }
            bestSmoothed = min(bestSmoothed, smoothed)
            _ = try model.backward(result.gradient)
            optimizer.learningRate = rate
            try optimizer.step(model.parameters)
        }
        let result = LRRangeResult(
            points: points, steepest: steepest(points, diverged: diverged),
            minimumOverTen: minimumOverTen(points, diverged: diverged), diverged: diverged)
        let suggestion = LRSuggestionRecord(steepest: result.steepest.map(Double.init), minOver10: result.minimumOverTen.map(Double.init))
        sink?.record([Event(
            step: max(0, points.count - 1), wallTime: Date().timeIntervalSince1970, tag: Tag.lrFindSuggestion,
            value: .text(RecordJSON.encode(suggestion)))])
        return result
    }

    private static func events(for point: LRRangePoint, index: Int) -> [Event] {
        let time = Date().timeIntervalSince1970
        return [
            Event(step: index, wallTime: time, tag: Tag.lrFindRate, value: .scalar(Double(point.learningRate))),
            Event(step: index, wallTime: time, tag: Tag.lrFindLoss, value: .scalar(point.loss)),
            Event(step: index, wallTime: time, tag: Tag.lrFindSmoothedLoss, value: .scalar(point.smoothedLoss)),
        ]
    }

    /// The points that count for suggestions: without the final blown-up one.
    private static func usable(_ points: [LRRangePoint], diverged: Bool) -> [LRRangePoint] {
        Array(diverged ? points.dropLast() : points[...]).filter { $0.smoothedLoss.isFinite }
    }

    /// The rate where d(smoothed loss)/d(log lr) is most negative (central differences, as
    /// numpy's `gradient`).
    /// Only the descent up to the lowest smoothed loss counts: past it, high rates make the
    /// loss wobble and a chance downward swing must not become the suggestion.
    static func steepest(_ points: [LRRangePoint], diverged: Bool) -> Float? {
        let all = usable(points, diverged: diverged)
        guard let lowest = all.indices.min(by: { all[$0].smoothedLoss < all[$1].smoothedLoss }) else { return nil }
        // The first points are batch noise around the initial loss (fastai skips 10 too).
        let start = all.count >= 50 ? min(max(10, all.count / 10), max(0, lowest - 2)) : 0
        let curve = Array(all[start...lowest])
        guard curve.count >= 3 else { return nil }
        let x = curve.map { log(Double($0.learningRate)) }
        let y = curve.map(\.smoothedLoss)
        var best: (slope: Double, index: Int)?
        for index in 1..<(curve.count - 1) {
            let slope = (y[index + 1] - y[index - 1]) / (x[index + 1] - x[index - 1])
            if slope < (best?.slope ?? 0) { best = (slope, index) }
        }
        return best.map { curve[$0.index].learningRate }
    }

    /// The rate of the lowest smoothed loss, ÷10.
    static func minimumOverTen(_ points: [LRRangePoint], diverged: Bool) -> Float? {
        let curve = usable(points, diverged: diverged)
        guard let lowest = curve.min(by: { $0.smoothedLoss < $1.smoothedLoss }) else { return nil }
        return lowest.learningRate / 10
    }
}
