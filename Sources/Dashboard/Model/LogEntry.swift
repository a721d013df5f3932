import Telemetry

/// One line of the advice and event log.
struct LogEntry: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case control(CommandSource)
        /// An LR change seen only in the `lr` scalar.
        case learningRateChange
        case advice(Severity)
        case summary
        case note
    }

    var step: Int
    var kind: Kind
    var text: String
}
