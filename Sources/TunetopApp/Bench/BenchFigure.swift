import Foundation

/// One benchmark result, printed by `tunetop bench` as one JSON line. `scripts/bench_ratios.py`
/// pairs `sgemm` figures by `n` and `train` figures by `workload` with the peer scripts'.
public struct BenchFigure: Sendable, Equatable {
    /// What was measured: `sgemm`, `train`, `frame`, `replay_open`, `probe_overhead`, …
    public var figure: String
    /// Problem size where one applies (matrix side, event count, steps of history).
    public var n: Int?
    /// Workload name where one applies (`W1`, `W2`, `W3`).
    public var workload: String?
    /// Threads the engine was allowed to use.
    public var threads: Int
    /// The measured value (median of the repetitions).
    public var value: Double
    /// Unit of `value`: `GFLOP/s`, `samples/s`, `ms`, `s`, `%`.
    public var unit: String
    /// Extra context (repetitions, spread, shapes) printed alongside.
    public var details: [String: Double]

    public init(
        figure: String, n: Int? = nil, workload: String? = nil, threads: Int, value: Double, unit: String,
        details: [String: Double] = [:]
    ) {
        self.figure = figure
        self.n = n
        self.workload = workload
        self.threads = threads
        self.value = value
        self.unit = unit
        self.details = details
    }

    /// The JSON line: stable key order so diffs of bench output stay readable.
    public var jsonLine: String {
        var fields = ["\"figure\": \(quoted(figure))"]
        if let n { fields.append("\"n\": \(n)") }
        if let workload { fields.append("\"workload\": \(quoted(workload))") }
        fields.append("\"threads\": \(threads)")
        fields.append("\"value\": \(number(value))")
        fields.append("\"unit\": \(quoted(unit))")
        for key in details.keys.sorted() {
            fields.append("\(quoted(key)): \(number(details[key] ?? 0))")
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    private func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private func number(_ value: Double) -> String {
        value.isFinite ? String(format: "%.6g", value) : "null"
    }
}
