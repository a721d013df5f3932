import Foundation

/// One trial's line in the sweep leaderboard.
public struct LeaderboardEntry: Sendable {
    /// 1-based trial number.
    public var trial: Int
    /// The trial's overrides.
    public var parameters: [(key: String, value: String)]
    /// The best validation loss so far (nil before the first evaluation).
    public var bestValLoss: Double?
    /// The best validation accuracy so far.
    public var bestValAccuracy: Double?
    /// `completed`, `early_stop`, `user_stop`, `diverged`, …; nil while running or pending.
    public var endReason: String?
    /// Steps trained.
    public var steps: Int

    /// Creates an entry.
    public init(
        trial: Int, parameters: [(key: String, value: String)], bestValLoss: Double? = nil,
        bestValAccuracy: Double? = nil, endReason: String? = nil, steps: Int = 0
    ) {
        self.trial = trial
        self.parameters = parameters
        self.bestValLoss = bestValLoss
        self.bestValAccuracy = bestValAccuracy
        self.endReason = endReason
        self.steps = steps
    }
}

/// The sweep leaderboard: trials ranked by best validation loss (trials without one
/// last, in trial order), as a plain text table for the terminal and the report.
public enum Leaderboard {
    /// The ranked table, header first, one line per trial.
    public static func render(_ entries: [LeaderboardEntry]) -> String {
        let ranked = ranked(entries)
        let header = ["RANK", "TRIAL", "PARAMS", "BEST VAL LOSS", "BEST VAL ACC", "END", "STEPS"]
        let rows = ranked.enumerated().map { rank, entry in
            [
                entry.bestValLoss == nil ? "-" : "\(rank + 1)",
                "\(entry.trial)",
                parameters(entry.parameters),
                entry.bestValLoss.map { String(format: "%.4f", $0) } ?? "-",
                entry.bestValAccuracy.map { String(format: "%.2f%%", $0 * 100) } ?? "-",
                entry.endReason ?? "running",
                "\(entry.steps)",
            ]
        }
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { cells in
            cells.enumerated().map { column, text in
                column == cells.count - 1 ? text : text.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// Best validation loss first; trials without one last, in trial order.
    public static func ranked(_ entries: [LeaderboardEntry]) -> [LeaderboardEntry] {
        entries.sorted { a, b in
            switch (a.bestValLoss, b.bestValLoss) {
            case (let x?, let y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.trial < b.trial
            }
        }
    }

    /// A trial's settings, short enough for a terminal line: each key by its last component
    /// (the full key where two would read alike), rates to three significant digits.
    public static func parameters(_ parameters: [(key: String, value: String)]) -> String {
        let lastComponents = parameters.map { String($0.key.split(separator: ".").last ?? Substring($0.key)) }
        return parameters.enumerated().map { index, parameter in
            let short = lastComponents[index]
            let key = lastComponents.filter { $0 == short }.count > 1 ? parameter.key : short
            return "\(key)=\(display(parameter.value))"
        }.joined(separator: " ")
    }

    /// String values without their TOML quotes; fractions to three significant digits.
    private static func display(_ value: String) -> String {
        if let number = Double(value), number.rounded() != number { return String(format: "%.3g", number) }
        return value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") ? String(value.dropFirst().dropLast()) : value
    }
}
