/// One tagged value at one training step: the unit of everything tunetop records,
/// shows and replays. Live runs, replays and followed files all produce these.
public struct Event: Sendable, Equatable {
    /// The global training step the value belongs to.
    public var step: Int
    /// Seconds since the Unix epoch when the value was produced.
    public var wallTime: Double
    /// The run-contract tag, e.g. `train/loss` (see `Tag`).
    public var tag: String
    /// What was recorded.
    public var value: Value

    /// Creates an event.
    public init(step: Int, wallTime: Double, tag: String, value: Value) {
        self.step = step
        self.wallTime = wallTime
        self.tag = tag
        self.value = value
    }
}

/// The kinds of value a run records.
public enum Value: Sendable, Equatable {
    /// A scalar such as a loss, an accuracy or the learning rate.
    case scalar(Double)
    /// A distribution, e.g. a layer's activations.
    ///
    /// Not `indirect`, although that would keep an `Event` smaller: with Swift 6.3.1 on Linux
    /// (release builds), an `[Event]` whose `Value` has an indirect case corrupts the heap when
    /// appended through generic code in another module (`Mutex<[Event]>.withLock {
    /// $0.append(contentsOf:) }` aborts in malloc). Regression test:
    /// `TrainingTests.EventStorageTests`.
    case histogram(Histogram)
    /// Text; control, advice and summary events carry JSON here.
    case text(String)
    /// The writer (re)started at this step: replay drops later-stepped values recorded
    /// before it, as TensorBoard does for a `SessionLog.START`. Its event's tag is empty.
    case sessionStart
}

extension Value {
    /// A scalar as the run file stores it: float32 (`simple_value`), the precision TensorBoard's
    /// scalar contract has. A live view that shows `Value.scalar(x).recorded` shows exactly what a
    /// replay of the file will.
    public var recorded: Value {
        if case .scalar(let scalar) = self { return .scalar(Double(Float(scalar))) }
        return self
    }
}

/// A histogram with TensorBoard's `HistogramProto` fields. Bucket `i` counts values in
/// `(bucketLimits[i-1], bucketLimits[i]]`; the first bucket is open to the left.
public struct Histogram: Sendable, Equatable {
    public var min: Double
    public var max: Double
    public var count: Double
    public var sum: Double
    public var sumSquares: Double
    /// Right edges of the buckets, ascending.
    public var bucketLimits: [Double]
    /// Counts per bucket, same length as `bucketLimits`.
    public var bucketCounts: [Double]

    /// Creates a histogram from its fields.
    public init(
        min: Double, max: Double, count: Double, sum: Double, sumSquares: Double,
        bucketLimits: [Double], bucketCounts: [Double]
    ) {
        self.min = min
        self.max = max
        self.count = count
        self.sum = sum
        self.sumSquares = sumSquares
        self.bucketLimits = bucketLimits
        self.bucketCounts = bucketCounts
    }
}
