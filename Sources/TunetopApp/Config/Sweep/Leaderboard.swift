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
        let ranked = entries.sorted { a, b in
            switch (a.bestValLoss, b.bestValLoss) {
            case (let x?, let y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.trial < b.trial
            }
        }
        let header = ["RANK", "TRIAL", "PARAMS", "BEST VAL LOSS", "BEST VAL ACC", "END", "STEPS"]
        let rows = ranked.enumerated().map { rank, entry in
            [
                entry.bestValLoss == nil ? "-" : "\(rank + 1)",
                "\(entry.trial)",
                entry.parameters.map { "\($0.key)=\(display($0.value))" }.joined(separator: " "),
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

    /// String values without their TOML quotes.
    private static func display(_ value: String) -> String {
        value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") ? String(value.dropFirst().dropLast()) : value
    }
}
