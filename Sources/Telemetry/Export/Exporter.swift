import Foundation

/// The formats of `tunetop export`.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// Scalars only: `tag,step,wall_time,value`.
    case csv
    /// One JSON object per line: scalars, histograms and text.
    case jsonl
}

/// Exports a run (ours or any tfevents file or directory) as CSV or JSON lines, after the
/// restart semantics of `RunReader`.
///
/// Numbers: a value that is exactly a float32 (every scalar in a tfevents file is) is printed in
/// float32's shortest form (`0.1`, not `0.10000000149011612`), which reads back as the same
/// float32; other numbers in Double's shortest form. In JSON, non-finite numbers are the strings
/// `"NaN"`, `"Infinity"`, `"-Infinity"` (a diverged loss must survive export; JSON has no NaN).
public enum Exporter {
    /// Reads the run at `path` and writes it to `output`. Throws what `RunReader.read` throws.
    public static func export(path: String, format: ExportFormat, to output: inout some TextOutputStream) throws {
        write(try RunReader.read(path: path).events, format: format, to: &output)
    }

    /// Writes events already read.
    public static func write(_ events: [Event], format: ExportFormat, to output: inout some TextOutputStream) {
        switch format {
        case .csv:
            output.write("tag,step,wall_time,value\n")
            for event in events {
                guard case .scalar(let value) = event.value else { continue }
                output.write("\(csvField(event.tag)),\(event.step),\(event.wallTime),\(number(value))\n")
            }
        case .jsonl:
            for event in events {
                guard let body = jsonBody(event.value) else { continue }
                output.write("{\"tag\":\(jsonString(event.tag)),\"step\":\(event.step),\"wall_time\":\(jsonWallTime(event.wallTime)),\(body)}\n")
            }
        }
    }

    private static func jsonBody(_ value: Value) -> String? {
        switch value {
        case .scalar(let scalar):
            return "\"kind\":\"scalar\",\"value\":\(jsonNumber(scalar))"
        case .text(let text):
            return "\"kind\":\"text\",\"value\":\(jsonString(text))"
        case .histogram(let h):
            let limits = h.bucketLimits.map(jsonNumber).joined(separator: ",")
            let counts = h.bucketCounts.map(jsonNumber).joined(separator: ",")
            return "\"kind\":\"histogram\",\"min\":\(jsonNumber(h.min)),\"max\":\(jsonNumber(h.max)),\"count\":\(jsonNumber(h.count)),"
                + "\"sum\":\(jsonNumber(h.sum)),\"sum_squares\":\(jsonNumber(h.sumSquares)),"
                + "\"bucket_limits\":[\(limits)],\"bucket_counts\":[\(counts)]"
        case .sessionStart:
            return nil
        }
    }

    /// Shortest text that reads back as the same value (float32's when the value is one).
    static func number(_ value: Double) -> String {
        let single = Float(value)
        if value.isFinite, Double(single) == value { return "\(single)" }
        return "\(value)"
    }

    static func jsonNumber(_ value: Double) -> String {
        if value.isNaN { return "\"NaN\"" }
        if value.isInfinite { return value < 0 ? "\"-Infinity\"" : "\"Infinity\"" }
        return number(value)
    }

    /// Wall times print as Doubles always: a time that happens to be a float32 is not one.
    static func jsonWallTime(_ value: Double) -> String {
        value.isFinite ? "\(value)" : jsonNumber(value)
    }

    static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
