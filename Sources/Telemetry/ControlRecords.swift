import Foundation

/// A steering command: what the user (a key), a rule or a schedule asks the trainer to do.
/// The dashboard emits these; the trainer applies them at the next step boundary and
/// records each as an `events/control` text event.
public enum Command: Sendable, Equatable {
    case scaleLearningRate(Double)
    case setLearningRate(Double)
    case pause
    case resume
    case checkpoint
    case stopEarly
    case rollbackToBest
    case setDropout(Double)
    case setWeightDecay(Double)
    case setGradientClip(Double)
    case setLabelSmoothing(Double)

    /// The `action` string recorded in `events/control`.
    public var action: String {
        switch self {
        case .scaleLearningRate: return "scale_lr"
        case .setLearningRate: return "set_lr"
        case .pause: return "pause"
        case .resume: return "resume"
        case .checkpoint: return "checkpoint"
        case .stopEarly: return "stop"
        case .rollbackToBest: return "rollback_to_best"
        case .setDropout: return "set_dropout"
        case .setWeightDecay: return "set_weight_decay"
        case .setGradientClip: return "set_grad_clip"
        case .setLabelSmoothing: return "set_label_smoothing"
        }
    }
}

/// Who issued a command.
public enum CommandSource: String, Sendable, Codable {
    case key, rule, schedule
}

/// The JSON body of an `events/control` event.
public struct ControlRecord: Sendable, Equatable, Codable {
    public var action: String
    public var source: CommandSource
    public var lrBefore: Double
    public var lrAfter: Double
    /// Extra detail, e.g. the new dropout rate or the reason for a rule's action.
    public var detail: String?

    enum CodingKeys: String, CodingKey {
        case action, source, detail
        case lrBefore = "lr_before"
        case lrAfter = "lr_after"
    }

    /// Creates a record.
    public init(action: String, source: CommandSource, lrBefore: Double, lrAfter: Double, detail: String? = nil) {
        self.action = action
        self.source = source
        self.lrBefore = lrBefore
        self.lrAfter = lrAfter
        self.detail = detail
    }
}

/// How serious a piece of advice is.
public enum Severity: String, Sendable, Codable, Comparable {
    case info, warning, critical

    private var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// The JSON body of an `events/advice` event.
public struct AdviceRecord: Sendable, Equatable, Codable {
    public var rule: String
    public var severity: Severity
    public var message: String

    /// Creates a record.
    public init(rule: String, severity: Severity, message: String) {
        self.rule = rule
        self.severity = severity
        self.message = message
    }
}

/// Why a run ended.
public enum EndReason: String, Sendable, Codable {
    case completed
    case earlyStop = "early_stop"
    case userStop = "user_stop"
    case diverged
    case interrupted
}

/// The JSON body of the `run/summary` event, written once at the end of a run.
public struct RunSummary: Sendable, Equatable, Codable {
    public var endReason: EndReason
    public var bestStep: Int?
    public var bestValLoss: Double?
    public var bestValAccuracy: Double?
    public var steps: Int?

    enum CodingKeys: String, CodingKey {
        case endReason = "end_reason"
        case bestStep = "best_step"
        case bestValLoss = "best_val_loss"
        case bestValAccuracy = "best_val_accuracy"
        case steps
    }

    /// Creates a summary.
    public init(endReason: EndReason, bestStep: Int?, bestValLoss: Double?, bestValAccuracy: Double? = nil, steps: Int? = nil) {
        self.endReason = endReason
        self.bestStep = bestStep
        self.bestValLoss = bestValLoss
        self.bestValAccuracy = bestValAccuracy
        self.steps = steps
    }
}

/// The JSON body of the `lr_find/suggestion` event, written once at the end of an LR range test.
public struct LRSuggestionRecord: Sendable, Equatable, Codable {
    /// The rate of steepest descent of the smoothed loss.
    public var steepest: Double?
    /// The rate at the lowest smoothed loss, ÷10.
    public var minOver10: Double?

    enum CodingKeys: String, CodingKey {
        case steepest
        case minOver10 = "min_over_10"
    }

    /// Creates a record.
    public init(steepest: Double?, minOver10: Double?) {
        self.steepest = steepest
        self.minOver10 = minOver10
    }
}

/// Compact, key-sorted JSON for text events, so files are byte-stable across runs.
public enum RecordJSON {
    /// Encodes a record as one line of JSON.
    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Decodes a record; nil when the text is not that record's JSON.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String) -> T? {
        try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
