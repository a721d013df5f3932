import Foundation
import Telemetry

/// One classic tuning rule watching the event stream. A rule keeps its own state and
/// speaks once per episode: it fires when its condition starts to hold and re-arms only
/// after the condition has cleared, so the log is not flooded while a problem persists.
public protocol DiagnosisRule {
    /// The stable rule name recorded in `events/advice` (`"rule"`).
    var name: String { get }
    /// Looks at one event; returns advice when the rule fires on it.
    mutating func observe(_ event: Event) -> AdviceRecord?
}

/// Tracks whether a condition's episode has already been reported.
struct Episode {
    private(set) var isOpen = false

    /// True exactly when the condition turns on; false while it stays on or is off.
    mutating func update(condition: Bool) -> Bool {
        defer { isOpen = condition }
        return condition && !isOpen
    }
}

/// Short numbers for messages: 3 significant digits, scientific for very small/large.
func formatted(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "+Inf" : "-Inf") }
    let magnitude = abs(value)
    if magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5) {
        let exponent = Int((log10(magnitude)).rounded(.down))
        let mantissa = value / pow(10, Double(exponent))
        return String(format: "%.1fe%d", mantissa, exponent)
    }
    return String(format: "%.3g", value)
}
