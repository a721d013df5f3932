import Foundation
import Telemetry

/// One row of `tunetop runs`: what a run's events say about how it went.
struct RunRow: Equatable {
    var name: String
    /// `completed`, `early_stop`, … from `run/summary`; `running?` when the run has none
    /// yet (still being written, or killed before it could say).
    var endReason: String
    var steps: Int
    var bestValLoss: Double?
    var bestValAccuracy: Double?
    /// Wall-clock seconds from the first to the last record.
    var duration: Double
}

/// Builds `tunetop runs` rows and the table that shows them.
enum RunListing {
    /// Summarizes a run from its events; the recorded `run/summary` wins where present.
    static func row(name: String, events: [Event]) -> RunRow {
        var steps = 0
        var bestLoss: Double?
        var bestAccuracy: Double?
        var summary: RunSummary?
        var first = Double.infinity
        var last = -Double.infinity
        for event in events {
            steps = max(steps, event.step)
            if event.wallTime > 0 {
                first = min(first, event.wallTime)
                last = max(last, event.wallTime)
            }
            switch (event.tag, event.value) {
            case (Tag.valLoss, .scalar(let value)) where value.isFinite:
                bestLoss = min(bestLoss ?? value, value)
            case (Tag.valAccuracy, .scalar(let value)) where value.isFinite:
                bestAccuracy = max(bestAccuracy ?? value, value)
            case (Tag.summary, .text(let text)):
                summary = RecordJSON.decode(RunSummary.self, from: text) ?? summary
            default:
                break
            }
        }
        return RunRow(
            name: name,
            endReason: summary?.endReason.rawValue ?? "running?",
            steps: summary?.steps ?? steps,
            bestValLoss: summary?.bestValLoss ?? bestLoss,
            bestValAccuracy: summary?.bestValAccuracy ?? bestAccuracy,
            duration: last >= first ? last - first : 0)
    }

    /// A left-aligned text table with a header row.
    static func table(_ rows: [RunRow]) -> String {
        let header = ["NAME", "END", "STEPS", "BEST VAL LOSS", "BEST VAL ACC", "DURATION"]
        let cells = rows.map { row in
            [
                row.name, row.endReason, "\(row.steps)",
                row.bestValLoss.map { String(format: "%.4f", $0) } ?? "-",
                row.bestValAccuracy.map { String(format: "%.2f%%", $0 * 100) } ?? "-",
                duration(row.duration),
            ]
        }
        let all = [header] + cells
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { line in
            line.enumerated().map { column, text in
                column == line.count - 1 ? text : text.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// `1h02m`, `3m05s`, `12.3s`.
    static func duration(_ seconds: Double) -> String {
        if seconds >= 3600 { return String(format: "%dh%02dm", Int(seconds) / 3600, (Int(seconds) % 3600) / 60) }
        if seconds >= 60 { return String(format: "%dm%02ds", Int(seconds) / 60, Int(seconds) % 60) }
        return String(format: "%.1fs", seconds)
    }
}

extension RunListing {
    /// Sub-directories of `directory` that hold at least one tfevents file, sorted by name
    /// (our default names start with a timestamp-free config name, so this groups them).
    static func runDirectories(in directory: String) throws -> [String] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw CLIFailure("\(directory): no such directory")
        }
        guard isDirectory.boolValue else { throw CLIFailure("\(directory): not a directory") }
        let entries: [String]
        do {
            entries = try manager.contentsOfDirectory(atPath: directory)
        } catch {
            // Foundation's own text is "The operation could not be completed. (… error 256.)".
            let reason = manager.isReadableFile(atPath: directory) ? "cannot list runs" : "cannot list runs (permission denied)"
            throw CLIFailure("\(directory): \(reason)")
        }
        return entries.sorted().filter { name in
            let path = (directory as NSString).appendingPathComponent(name)
            let files = (try? manager.contentsOfDirectory(atPath: path)) ?? []
            return files.contains { $0.contains("tfevents") }
        }
    }
}
