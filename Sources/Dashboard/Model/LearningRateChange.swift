import Telemetry

/// A change of the learning rate that the charts mark: a recorded command (`events/control`),
/// or a step in the `lr` scalar that no command explains (a foreign file, or our own
/// step schedule, which changes the rate without a command).
struct LearningRateChange: Sendable, Equatable {
    var step: Int
    var before: Double
    var after: Double
    /// Who changed it: `key`, `rule` or `schedule` as recorded, or `lr` when only the
    /// scalar shows it.
    var source: String

    /// The source shown for changes seen only in the `lr` scalar.
    static let scalarSource = "lr"
}

/// Finds the steps in the `lr` scalar that no command explains. A change counts when the
/// rate held still for `minimumHeld` logged points before it and holds at the new value
/// at the next point: a plateau, a jump, a plateau. Continuous schedules (warmup, cosine,
/// exponential, one-cycle) move at every point and are never marked; step drops (StepLR,
/// Keras' ReduceLROnPlateau, our own `schedule: step`, files from other tools) are, one
/// logged point after they happen, at the step where they happened.
struct LearningRateStepDetector: Sendable {
    static let minimumHeld = 2

    private var last: Double?
    /// Logged points in a row at the value `last`.
    private var held = 0
    /// The rate a recorded command set that the scalar has not shown yet.
    private var expected: Double?
    /// An unexplained jump after a plateau, waiting for the next point to confirm it.
    private var pending: LearningRateChange?
    /// The latest change was inferred here (so a command arriving just after it at the
    /// same value explains it instead).
    private(set) var latestWasInferred = false

    /// A logged rate; returns the change it confirms, if nothing recorded explains it.
    mutating func observe(step: Int, value: Double) -> LearningRateChange? {
        guard value.isFinite else { return nil }
        guard let previous = last else {
            (last, held) = (value, 1)
            return nil
        }
        if Self.same(previous, value) {
            held += 1
            guard let confirmed = pending else { return nil }
            pending = nil
            latestWasInferred = true
            return confirmed
        }
        let wasHeld = held
        let explained = expected.map { Self.same($0, value) } ?? false
        (last, held, expected, pending) = (value, 1, nil, nil)
        latestWasInferred = false
        if !explained, wasHeld >= Self.minimumHeld {
            pending = LearningRateChange(step: step, before: previous, after: value, source: LearningRateChange.scalarSource)
        }
        return nil
    }

    /// A recorded command changed the rate to `after`. Returns true when it explains the
    /// change just inferred from the scalar (a writer that logs the rate before the command).
    mutating func command(after: Double, inferred: LearningRateChange?) -> Bool {
        if let candidate = pending, Self.same(candidate.after, after) {
            pending = nil
            return false
        }
        if latestWasInferred, let inferred, Self.same(inferred.after, after) {
            latestWasInferred = false
            return true
        }
        expected = after
        return false
    }

    /// Forgets everything (a writer restarted).
    mutating func reset() { self = LearningRateStepDetector() }

    static func same(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-6 * max(abs(a), abs(b))
    }
}
