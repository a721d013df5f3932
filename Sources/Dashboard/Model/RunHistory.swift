import Telemetry

/// Everything the dashboard knows about one run, built only from its events. Live,
/// followed and replayed runs all go through `apply`, so they look the same.
struct RunHistory: Sendable {
    var trainLoss = SeriesPyramid()
    /// The smoothed train loss, rebuilt when the smoothing weight changes.
    var smoothedLoss = SeriesPyramid()
    private var ema: DebiasedEMA
    var valLoss = SeriesPyramid()
    var trainAccuracy = SeriesPyramid()
    var valAccuracy = SeriesPyramid()
    var learningRate = SeriesPyramid()

    /// Layer names in first-seen order, and their statistics.
    var layerNames: [String] = []
    var layers: [String: LayerHistory] = [:]

    /// Commands as recorded, for markers and the replay's `n`.
    var controls: [(step: Int, record: ControlRecord)] = []
    /// LR changes seen in the `lr` scalar that no command explains.
    var inferredLearningRateChanges: [LearningRateChange] = []
    private var learningRateSteps = LearningRateStepDetector()
    /// The LR range test's sweep, when the run is one.
    var lrFind = LRFindHistory()
    var log: [LogEntry] = []
    static let maxLog = 500

    var lastStep = 0
    var epoch: Int?
    var totalSteps: Int?
    var examplesPerSecond: Double?
    /// The trainer's reported state (`running`, `paused`, `stopping`, `finished`).
    var trainerState: String?
    var summary: RunSummary?
    /// Lowest validation loss and its step.
    var bestVal: (step: Int, value: Double)?
    /// Recent (wall time, step) pairs for the step rate behind the ETA.
    var pace: [(wall: Double, step: Int)] = []
    var firstWallTime: Double?
    var lastWallTime: Double?
    private var layerTags: [String: (layer: String, stat: String)?] = [:]
    private var scalarTags: [String: String] = [:]
    /// How many events were applied (the replay's position counts these).
    var eventCount = 0

    init(smoothing: Double) {
        ema = DebiasedEMA(weight: smoothing)
    }

    var smoothingWeight: Double { ema.weight }

    /// Recomputes the smoothed curve for a new weight: one pass over the raw points.
    mutating func setSmoothing(_ weight: Double) {
        ema = DebiasedEMA(weight: weight)
        smoothedLoss = SeriesPyramid()
        for (step, value) in zip(trainLoss.steps, trainLoss.values) {
            smoothedLoss.append(step: step, value: ema.next(value))
        }
    }

    var learningRateNow: Double? { learningRate.lastValue }
    var isFinished: Bool { summary != nil }

    mutating func apply<Events: Sequence<Event>>(_ events: Events) {
        for event in events { apply(event) }
    }

    mutating func apply(_ event: Event) {
        eventCount += 1
        if event.wallTime > 0 {
            if firstWallTime == nil { firstWallTime = event.wallTime }
            lastWallTime = event.wallTime
        }
        switch event.value {
        case .scalar(let value): applyScalar(event, value)
        case .histogram(let histogram): applyHistogram(event, histogram)
        case .text(let text): applyText(event, text)
        case .sessionStart: restart(at: event.step)
        }
    }

    private mutating func applyScalar(_ event: Event, _ value: Double) {
        let step = event.step
        switch canonicalTag(event.tag) {
        case Tag.trainLoss:
            trainLoss.append(step: step, value: value)
            smoothedLoss.append(step: step, value: ema.next(value))
            lastStep = max(lastStep, step)
            if event.wallTime > 0 {
                pace.append((event.wallTime, step))
                if pace.count > 64 { pace.removeFirst(pace.count - 32) }
            }
        case Tag.valLoss:
            valLoss.append(step: step, value: value)
            if value.isFinite, value < (bestVal?.value ?? .infinity) { bestVal = (step, value) }
        case Tag.trainAccuracy: trainAccuracy.append(step: step, value: value)
        case Tag.valAccuracy: valAccuracy.append(step: step, value: value)
        case Tag.learningRate: appendLearningRate(step: step, value: value)
        case Tag.lrFindRate:
            lrFind.record(.rate, step: step, value: value)
            // The sweep's rate is the run's rate: the LR chart shows the sweep.
            appendLearningRate(step: step, value: value)
        case Tag.lrFindLoss: lrFind.record(.loss, step: step, value: value)
        case Tag.lrFindSmoothedLoss: lrFind.record(.smoothed, step: step, value: value)
        case Tag.examplesPerSecond: examplesPerSecond = value
        case Tag.epoch: epoch = Self.count(value)
        case Tag.totalSteps: totalSteps = Self.count(value)
        default:
            guard let (layer, stat) = parseLayer(event.tag) else { return }
            touchLayer(layer)
            layers[layer]?.record(stat: stat, value: value)
        }
        lastStep = max(lastStep, step)
    }

    private mutating func appendLearningRate(step: Int, value: Double) {
        if let change = learningRateSteps.observe(step: step, value: value) {
            inferredLearningRateChanges.append(change)
            appendLog(LogEntry(step: change.step, kind: .learningRateChange, text: Self.describe(change)))
        }
        learningRate.append(step: step, value: value)
    }

    private mutating func applyHistogram(_ event: Event, _ histogram: Histogram) {
        guard let (layer, stat) = parseLayer(event.tag),
              let kind = HistogramKind.allCases.first(where: { $0.stat.rawValue == stat }) else { return }
        touchLayer(layer)
        layers[layer]?.record(kind: kind, step: event.step, histogram: histogram)
    }

    /// `TagAliases.canonical`, memoized (lowercasing every tag would cost more than the rest).
    private mutating func canonicalTag(_ tag: String) -> String {
        if let cached = scalarTags[tag] { return cached }
        let canonical = TagAliases.canonical(tag)
        if scalarTags.count < 10_000 { scalarTags[tag] = canonical }
        return canonical
    }

    /// `Tag.parseLayer`, memoized: a run repeats a few dozen layer tags millions of times,
    /// and a hash lookup is several times cheaper than re-parsing the string.
    private mutating func parseLayer(_ tag: String) -> (layer: String, stat: String)? {
        if let cached = layerTags[tag] { return cached }
        let parsed = Tag.parseLayer(tag)
        if layerTags.count < 10_000 { layerTags[tag] = parsed }
        return parsed
    }

    private mutating func touchLayer(_ layer: String) {
        if layers[layer] == nil {
            layers[layer] = LayerHistory()
            layerNames.append(layer)
        }
    }

    private mutating func applyText(_ event: Event, _ text: String) {
        switch event.tag {
        case Tag.control:
            guard let record = RecordJSON.decode(ControlRecord.self, from: text) else { return }
            controls.append((event.step, record))
            if record.lrBefore != record.lrAfter,
               learningRateSteps.command(after: record.lrAfter, inferred: inferredLearningRateChanges.last) {
                // The scalar showed this change just before its command: the command explains it.
                let dropped = inferredLearningRateChanges.removeLast()
                if let index = log.lastIndex(where: { $0.kind == .learningRateChange && $0.step == dropped.step }) {
                    log.remove(at: index)
                }
            }
            appendLog(LogEntry(step: event.step, kind: .control(record.source), text: Self.describe(record)))
        case Tag.advice:
            guard let record = RecordJSON.decode(AdviceRecord.self, from: text) else { return }
            appendLog(LogEntry(step: event.step, kind: .advice(record.severity), text: "\(record.rule): \(record.message)"))
        case Tag.summary:
            guard let record = RecordJSON.decode(RunSummary.self, from: text) else { return }
            summary = record
            var line = "run ended: \(record.endReason.rawValue)"
            if let best = record.bestValLoss, let step = record.bestStep {
                line += ", best val loss \(Format.number(best)) at step \(step)"
            }
            appendLog(LogEntry(step: event.step, kind: .summary, text: line))
        case Tag.state:
            // Resuming: the pause is not part of the step rate behind the ETA.
            if trainerState == "paused", text != "paused" { pace.removeAll() }
            trainerState = text
        case Tag.lrFindSuggestion:
            guard lrFind.recordSuggestion(text) else { return }
            let parts = [lrFind.steepest.map { "steepest descent at \(Format.number($0))" },
                         lrFind.minOverTen.map { "min/10 \(Format.number($0))" }].compactMap { $0 }
            appendLog(LogEntry(step: event.step, kind: .summary,
                               text: "LR range test: " + (parts.isEmpty ? "no suggestion" : "suggests " + parts.joined(separator: ", "))))
        default:
            return
        }
    }

    private mutating func appendLog(_ entry: LogEntry) {
        log.append(entry)
        if log.count > Self.maxLog { log.removeFirst(log.count - Self.maxLog) }
    }

    /// A writer restarted at `step`: later-stepped values from before are void.
    private mutating func restart(at step: Int) {
        trainLoss.truncate(fromStep: step)
        valLoss.truncate(fromStep: step)
        trainAccuracy.truncate(fromStep: step)
        valAccuracy.truncate(fromStep: step)
        learningRate.truncate(fromStep: step)
        setSmoothing(ema.weight)
        for name in layerNames { layers[name]?.truncate(fromStep: step) }
        controls.removeAll { $0.step >= step }
        inferredLearningRateChanges.removeAll { $0.step >= step }
        learningRateSteps.reset()
        lrFind.truncate(fromStep: step)
        if let best = bestVal, best.step >= step {
            bestVal = nil
            for (s, v) in zip(valLoss.steps, valLoss.values) where v.isFinite && v < (bestVal?.value ?? .infinity) {
                bestVal = (s, v)
            }
        }
        pace.removeAll { $0.step >= step }
        lastStep = min(lastStep, step)
    }

    /// A positive whole count from a scalar; nil for anything a corrupt or foreign file might
    /// hold instead (NaN, infinities, values beyond Int) so nothing traps converting it.
    static func count(_ value: Double) -> Int? {
        value.isFinite && value > 0 && value < 1e15 ? Int(value) : nil
    }

    /// The log line for a command: who, what, and the learning rate before → after.
    static func describe(_ record: ControlRecord) -> String {
        var text = "\(record.source.rawValue): \(record.action)"
        if let detail = record.detail, !detail.isEmpty { text += " (\(detail))" }
        if record.lrBefore != record.lrAfter {
            text += "  lr \(Format.number(record.lrBefore)) → \(Format.number(record.lrAfter))"
        }
        return text
    }

    /// The log line for an LR change only the scalar shows.
    static func describe(_ change: LearningRateChange) -> String {
        "lr \(Format.number(change.before)) → \(Format.number(change.after)) (logged rate; no command recorded)"
    }

    /// Steps per second over the recent pace window; nil until two points apart in time.
    var stepsPerSecond: Double? {
        guard let first = pace.first, let last = pace.last, last.wall > first.wall, last.step > first.step else { return nil }
        return Double(last.step - first.step) / (last.wall - first.wall)
    }

    /// Seconds left at the recent pace, when the total is known.
    var etaSeconds: Double? {
        guard let total = totalSteps, let rate = stepsPerSecond, rate > 0 else { return nil }
        return Double(max(0, total - lastStep)) / rate
    }

    /// Learning-rate changes: commands whose LR before and after differ, and steps in the
    /// `lr` scalar that no command explains, in step order.
    var learningRateChanges: [LearningRateChange] {
        let recorded = controls.filter { $0.record.lrBefore != $0.record.lrAfter }.map {
            LearningRateChange(step: $0.step, before: $0.record.lrBefore, after: $0.record.lrAfter, source: $0.record.source.rawValue)
        }
        guard !inferredLearningRateChanges.isEmpty else { return recorded }
        return (recorded + inferredLearningRateChanges).sorted { $0.step < $1.step }
    }
}
