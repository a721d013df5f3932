import TermCanvas

/// Number formatting shared by the views.
enum Format {
    /// SI-style short numbers (`1.5k`, `0.35`, `5m`).
    static func number(_ value: Double, ascii: Bool = false) -> String {
        SIFormat.format(value, ascii: ascii)
    }

    /// A fraction as a percentage with no decimals (`37%`).
    static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "NaN" }
        return "\(Int(plotting: fraction * 100))%"
    }

    /// Scientific notation with one decimal (`1.2e-3`), for update ratios.
    static func scientific(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : "Inf" }
        guard value != 0 else { return "0" }
        var exponent = 0
        var mantissa = abs(value)
        while mantissa >= 10 { mantissa /= 10; exponent += 1 }
        while mantissa < 1 { mantissa *= 10; exponent -= 1 }
        var rounded = (mantissa * 10).rounded() / 10
        if rounded >= 10 { rounded /= 10; exponent += 1 }
        let sign = value < 0 ? "-" : ""
        let digits = rounded == rounded.rounded() ? "\(Int(rounded))" : "\(rounded)"
        return "\(sign)\(digits)e\(exponent)"
    }
}
