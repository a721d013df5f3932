import Foundation

/// TOML number literals: the strict rules (underscores only between digits, no leading
/// zeros, digits on both sides of a decimal point) so a typo is an error, not a value.
enum TOMLNumber {
    /// An integer or float, or nil when the token is not a valid TOML number.
    static func parse(_ token: String) -> TOMLValue.Kind? {
        switch token {
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default: break
        }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where token.hasPrefix(prefix) {
            let digits = String(token.dropFirst(2))
            guard let clean = withoutUnderscores(digits), let value = Int64(clean, radix: radix) else { return nil }
            return .integer(value)
        }
        var body = Substring(token)
        var sign = ""
        if let first = body.first, first == "+" || first == "-" {
            sign = first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        let isFloat = body.contains(".") || body.contains("e") || body.contains("E")
        if !isFloat {
            guard let clean = withoutUnderscores(String(body)), isDecimalInteger(clean) else { return nil }
            return Int64(sign + clean).map { .integer($0) }
        }
        let parts = body.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "E", maxSplits: 1, omittingEmptySubsequences: false) }
        guard parts.count <= 2 else { return nil }
        let mantissa = parts[0].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = withoutUnderscores(String(mantissa[0])), isDecimalInteger(whole) else { return nil }
        var text = sign + whole
        if mantissa.count == 2 {
            guard let fraction = withoutUnderscores(String(mantissa[1])), !fraction.isEmpty,
                fraction.allSatisfy(\.isASCIIDigit)
            else { return nil }
            text += "." + fraction
        }
        if parts.count == 2 {
            var exponent = Substring(parts[1])
            var exponentSign = ""
            if let first = exponent.first, first == "+" || first == "-" {
                exponentSign = String(first)
                exponent = exponent.dropFirst()
            }
            guard let digits = withoutUnderscores(String(exponent)), !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit)
            else { return nil }
            text += "e" + exponentSign + digits
        }
        return Double(text).map { .float($0) }
    }

    /// Whether a token that failed to parse was meant as a number (for the error wording).
    static func looksNumeric(_ token: String) -> Bool {
        guard let first = token.unicodeScalars.first else { return false }
        return ("0"..."9").contains(first) || first == "+" || first == "-" || first == "."
    }

    private static func isDecimalInteger(_ digits: String) -> Bool {
        !digits.isEmpty && digits.allSatisfy(\.isASCIIDigit) && (digits == "0" || !digits.hasPrefix("0"))
    }

    /// The digits without `_`, or nil when an underscore is not between two digits.
    private static func withoutUnderscores(_ text: String) -> String? {
        let characters = Array(text)
        for (offset, character) in characters.enumerated() where character == "_" {
            guard offset > 0, offset < characters.count - 1, characters[offset - 1].isASCIIDigit || characters[offset - 1].isHexDigit,
                characters[offset + 1].isASCIIDigit || characters[offset + 1].isHexDigit
            else { return nil }
        }
        return text.replacingOccurrences(of: "_", with: "")
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
