import Telemetry

/// Reads the event stream and says, with evidence, what the classic tuning rules say:
/// LR too high or too low, plateau, overfitting, dead or saturated units, vanishing or
/// exploding gradients. It sees only `Event`s, so it works the same on a live run, a
/// replay and a run written by another framework.
public struct Doctor {
    private var rules: [any DiagnosisRule]
    private var context: RunContext

    /// A doctor with the standard rules and the given thresholds.
    public init(thresholds: DoctorThresholds = DoctorThresholds()) {
        var rules: [any DiagnosisRule] = [
            NonFiniteLossRule(),
            LossTrendRule(thresholds: thresholds),
            PlateauRule(thresholds: thresholds),
            OverfittingRule(thresholds: thresholds),
            GradientFlowRule(thresholds: thresholds),
        ]
        rules.append(contentsOf: LayerStatRule.standardSet(thresholds) as [any DiagnosisRule])
        self.rules = rules
        context = RunContext(thresholds: thresholds)
    }

    /// Feeds one event to every rule; returns the advice it triggered, as `events/advice`
    /// text events at the same step and time.
    public mutating func observe(_ event: Event) -> [Event] {
        context.observe(event)
        var advice: [Event] = []
        for index in rules.indices {
            guard let record = rules[index].observe(event, in: context) else { continue }
            advice.append(Event(step: event.step, wallTime: event.wallTime, tag: Tag.advice, value: .text(RecordJSON.encode(record))))
        }
        return advice
    }

    /// Feeds a batch in order.
    public mutating func observe(_ events: [Event]) -> [Event] {
        events.flatMap { observe($0) }
    }
}
