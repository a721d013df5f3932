import Foundation

/// Short numeric labels with SI prefixes (`1.5k`, `250`, `0.35`, `5m`, `20µ`): at most
/// three significant digits, so axis labels and table cells stay narrow.
public enum SIFormat {
    private static let large: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
    private static let small: [(Double, String)] = [(1e-3, "m"), (1e-6, "µ"), (1e-9, "n"), (1e-12, "p")]

    /// Formats `value`; `ascii` writes `u` for micro.
    public static func format(_ value: Double, ascii: Bool = false) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Inf" : "-Inf" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        let sign = value < 0 ? "-" : ""
        // Beyond tera, exponent notation: `%f` of a 300-digit number is slow and unreadable.
        if magnitude >= 1e15 { return String(format: "%.0e", value) }
        if magnitude >= 1000 {
            for (scale, prefix) in large where magnitude >= scale * 0.9995 {
                return sign + digits(magnitude / scale) + prefix
            }
        }
        if magnitude >= 0.01 { return sign + digits(magnitude) }
        for (scale, prefix) in small where magnitude >= scale * 0.9995 {
            return sign + digits(magnitude / scale) + (ascii && prefix == "µ" ? "u" : prefix)
        }
        return String(format: "%.0e", value)
    }

    /// Three significant digits without trailing zeros.
    private static func digits(_ magnitude: Double) -> String {
        let decimals = magnitude >= 99.95 ? 0 : magnitude >= 9.995 ? 1 : magnitude >= 0.9995 ? 2 : 3
        var text = String(format: "%.\(decimals)f", magnitude)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A duration as `1h02m`, `3m05s` or `42s`.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < 1e9 else { return "--" }
        let total = Int(seconds.rounded())
        if total >= 3600 { return String(format: "%dh%02dm", total / 3600, total % 3600 / 60) }
        if total >= 60 { return String(format: "%dm%02ds", total / 60, total % 60) }
        return "\(total)s"
    }
}
