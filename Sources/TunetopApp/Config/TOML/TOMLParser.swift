import Foundation

/// A TOML 1.0 reader of our own (no package dependencies): tables, dotted keys, arrays of
/// tables, inline tables, basic/literal/multi-line strings, integers (decimal, hex, octal,
/// binary), floats (including `inf`/`nan`, which the config validation then rejects where
/// they make no sense), booleans, arrays and comments. Dates are refused with a clear
/// message: no config key takes one. Every value keeps the line of its key.
struct TOMLParser {
    private let scalars: [Unicode.Scalar]
    private let source: String
    private var index = 0
    private var line = 1
    private var root = TOMLTable()
    private var currentPath: [String] = []
    private var definedHeaders: Set<[String]> = []

    private init(text: String, source: String) {
        self.scalars = Array(text.unicodeScalars)
        self.source = source
    }

    /// Parses a whole document; `source` (a file path) prefixes error lines.
    static func parse(_ text: String, source: String) throws -> TOMLTable {
        var parser = TOMLParser(text: text, source: source)
        try parser.parseDocument()
        return parser.root
    }

    /// Parses a single value written as TOML (`0.1`, `"adam"`, `[1, 2]`), as in `--set key=value`.
    static func parseValue(_ text: String, origin: ConfigOrigin) throws -> TOMLValue {
        var parser = TOMLParser(text: text, source: origin.source)
        parser.skipWhitespace()
        var value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.atEnd else { throw parser.syntaxError("unexpected '\(parser.scalars[parser.index])' after the value") }
        value.origin = origin
        return value
    }

    // MARK: - Document structure

    private mutating func parseDocument() throws {
        while !atEnd {
            skipWhitespace()
            guard let next = peek else { break }
            if next == "#" || next == "\n" || next == "\r" {
                try finishLine()
                continue
            }
            if next == "[" {
                try parseHeader()
            } else {
                try parseKeyValue(into: currentPath)
            }
            try finishLine()
        }
    }

    /// After a statement only whitespace, a comment and a line break may follow.
    private mutating func finishLine() throws {
        skipWhitespace()
        if peek == "#" { skipComment() }
        if atEnd { return }
        if peek == "\r" && peek(offset: 1) == "\n" { index += 1 }
        guard peek == "\n" else { throw syntaxError("expected the end of the line, found '\(scalars[index])'") }
        index += 1
        line += 1
    }

    private mutating func parseHeader() throws {
        let headerLine = line
        index += 1
        let isArray = peek == "["
        if isArray { index += 1 }
        skipWhitespace()
        let path = try parseDottedKey()
        skipWhitespace()
        guard consume("]") else { throw syntaxError("expected ']' to close the table header") }
        if isArray { guard consume("]") else { throw syntaxError("expected ']]' to close the array-of-tables header") } }
        let origin = ConfigOrigin(source: source, line: headerLine)
        if isArray {
            let last = path[path.count - 1]
            let notAnArray = syntaxError("'\(path.joined(separator: "."))' is already a value, not an array of tables")
            try modifyTable(at: path.dropLast(), origin: origin) { table in
                switch table[last]?.kind {
                case nil:
                    table[last] = TOMLValue(kind: .array([TOMLValue(kind: .table(TOMLTable()), origin: origin)]), origin: origin)
                case .array(var items):
                    items.append(TOMLValue(kind: .table(TOMLTable()), origin: origin))
                    table[last] = TOMLValue(kind: .array(items), origin: table[last]!.origin)
                default:
                    throw notAnArray
                }
            }
            definedHeaders = definedHeaders.filter { !$0.starts(with: path) || $0 == path }
        } else {
            guard definedHeaders.insert(path).inserted else {
                throw syntaxError("table [\(path.joined(separator: "."))] is defined twice")
            }
            try modifyTable(at: path[...], origin: origin) { _ in }
        }
        currentPath = path
    }

    private mutating func parseKeyValue(into tablePath: [String]) throws {
        let keyLine = line
        let key = try parseDottedKey()
        skipWhitespace()
        guard consume("=") else { throw syntaxError("expected '=' after key '\(key.joined(separator: "."))'") }
        skipWhitespace()
        var value = try parseValue()
        value.origin = ConfigOrigin(source: source, line: keyLine)
        var tree = root
        try insert(value, at: tablePath + key, into: &tree)
        root = tree
    }

    /// Sets a key, creating the implicit tables a dotted key implies; a key may be set once.
    private func insert(_ value: TOMLValue, at path: [String], into table: inout TOMLTable) throws {
        let last = path[path.count - 1]
        try modify(&table, path: path.dropLast(), origin: value.origin) { target in
            guard target[last] == nil else {
                throw syntaxError("key '\(path.joined(separator: "."))' is defined twice", line: value.origin.line)
            }
            target[last] = value
        }
    }

    private mutating func modifyTable(
        at path: ArraySlice<String>, origin: ConfigOrigin, _ body: (inout TOMLTable) throws -> Void
    ) throws {
        var tree = root
        try modify(&tree, path: path, origin: origin, body)
        root = tree
    }

    /// Walks (creating as needed) to the table at `path`; an array of tables stands for
    /// its last element, as TOML specifies for headers and dotted keys after `[[x]]`.
    private func modify(
        _ table: inout TOMLTable, path: ArraySlice<String>, origin: ConfigOrigin,
        _ body: (inout TOMLTable) throws -> Void
    ) throws {
        guard let first = path.first else { return try body(&table) }
        var child = table[first] ?? TOMLValue(kind: .table(TOMLTable()), origin: origin)
        switch child.kind {
        case .table(var inner):
            try modify(&inner, path: path.dropFirst(), origin: origin, body)
            child.kind = .table(inner)
        case .array(var items):
            guard case .table(var inner)? = items.last?.kind else {
                throw syntaxError("'\(first)' is an array of values, not of tables", line: origin.line)
            }
            try modify(&inner, path: path.dropFirst(), origin: origin, body)
            items[items.count - 1].kind = .table(inner)
            child.kind = .array(items)
        default:
            throw syntaxError("'\(first)' is already a \(child.typeDescription.dropFirst(2)), not a table", line: origin.line)
        }
        table[first] = child
    }

    // MARK: - Keys

    private mutating func parseDottedKey() throws -> [String] {
        var parts = [try parseSimpleKey()]
        while true {
            let save = index
            skipWhitespace()
            guard consume(".") else { index = save; return parts }
            skipWhitespace()
            parts.append(try parseSimpleKey())
        }
    }

    private mutating func parseSimpleKey() throws -> String {
        if peek == "\"" { return try parseBasicString() }
        if peek == "'" { return try parseLiteralString() }
        var key = ""
        while let next = peek, Self.isBareKeyScalar(next) {
            key.unicodeScalars.append(next)
            index += 1
        }
        guard !key.isEmpty else {
            throw syntaxError(peek.map { "expected a key, found '\($0)'" } ?? "expected a key, found the end of the file")
        }
        return key
    }

    private static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "_" || scalar == "-"
    }

    // MARK: - Values

    private mutating func parseValue() throws -> TOMLValue {
        let origin = ConfigOrigin(source: source, line: line)
        guard let next = peek else { throw syntaxError("expected a value, found the end of the file") }
        switch next {
        case "\"":
            if peek(offset: 1) == "\"" && peek(offset: 2) == "\"" {
                return TOMLValue(kind: .string(try parseMultilineString(quote: "\"")), origin: origin)
            }
            return TOMLValue(kind: .string(try parseBasicString()), origin: origin)
        case "'":
            if peek(offset: 1) == "'" && peek(offset: 2) == "'" {
                return TOMLValue(kind: .string(try parseMultilineString(quote: "'")), origin: origin)
            }
            return TOMLValue(kind: .string(try parseLiteralString()), origin: origin)
        case "[":
            return TOMLValue(kind: .array(try parseArray()), origin: origin)
        case "{":
            return TOMLValue(kind: .table(try parseInlineTable()), origin: origin)
        case "\n", "\r", "#":
            throw syntaxError("expected a value after '='")
        default:
            return TOMLValue(kind: try parseScalarToken(), origin: origin)
        }
    }

    private mutating func parseArray() throws -> [TOMLValue] {
        index += 1
        var items: [TOMLValue] = []
        while true {
            try skipBlank()
            if consume("]") { return items }
            items.append(try parseValue())
            try skipBlank()
            if consume("]") { return items }
            guard consume(",") else {
                throw syntaxError(peek.map { "expected ',' or ']' in the array, found '\($0)'" } ?? "unterminated array")
            }
        }
    }

    private mutating func parseInlineTable() throws -> TOMLTable {
        index += 1
        var table = TOMLTable()
        skipWhitespace()
        if consume("}") { return table }
        while true {
            skipWhitespace()
            let keyLine = line
            let key = try parseDottedKey()
            skipWhitespace()
            guard consume("=") else { throw syntaxError("expected '=' after key '\(key.joined(separator: "."))'") }
            skipWhitespace()
            var value = try parseValue()
            value.origin = ConfigOrigin(source: source, line: keyLine)
            try insert(value, at: key, into: &table)
            skipWhitespace()
            if consume("}") { return table }
            guard consume(",") else {
                throw syntaxError(peek.map { "expected ',' or '}' in the inline table, found '\($0)'" } ?? "unterminated inline table")
            }
        }
    }

    /// Integers, floats, booleans: a run of token characters interpreted as a whole.
    private mutating func parseScalarToken() throws -> TOMLValue.Kind {
        var token = ""
        while let next = peek, Self.isBareKeyScalar(next) || next == "." || next == "+" || next == ":" {
            token.unicodeScalars.append(next)
            index += 1
        }
        guard !token.isEmpty else { throw syntaxError("expected a value, found '\(scalars[index])'") }
        if token == "true" { return .bool(true) }
        if token == "false" { return .bool(false) }
        if let number = TOMLNumber.parse(token) { return number }
        if token.contains(":") || token.range(of: #"^\d{4}-\d{2}-\d{2}"#, options: .regularExpression) != nil {
            throw syntaxError("dates and times are not supported ('\(token)')")
        }
        if TOMLNumber.looksNumeric(token) { throw syntaxError("invalid number '\(token)'") }
        throw syntaxError("invalid value '\(token)' (strings need quotes: \"\(token)\")")
    }

    private mutating func parseBasicString() throws -> String {
        index += 1
        var text = ""
        while true {
            guard let next = peek, next != "\n", next != "\r" else { throw syntaxError("unterminated string") }
            index += 1
            if next == "\"" { return text }
            if next == "\\" {
                text.unicodeScalars.append(try parseEscape())
            } else {
                text.unicodeScalars.append(next)
            }
        }
    }

    private mutating func parseLiteralString() throws -> String {
        index += 1
        var text = ""
        while true {
            guard let next = peek, next != "\n", next != "\r" else { throw syntaxError("unterminated string") }
            index += 1
            if next == "'" { return text }
            text.unicodeScalars.append(next)
        }
    }

    /// `"""…"""` (escapes, line-ending backslash) or `'''…'''` (raw); a line break right
    /// after the opening quotes is dropped.
    private mutating func parseMultilineString(quote: Unicode.Scalar) throws -> String {
        index += 3
        if peek == "\r" && peek(offset: 1) == "\n" { index += 1 }
        if peek == "\n" { index += 1; line += 1 }
        var text = ""
        while true {
            guard let next = peek else { throw syntaxError("unterminated multi-line string") }
            if next == quote && peek(offset: 1) == quote && peek(offset: 2) == quote {
                index += 3
                // Up to two more quotes belong to the content ("""a""""" is `a""`).
                var extra = 0
                while extra < 2, peek == quote { text.unicodeScalars.append(quote); index += 1; extra += 1 }
                return text
            }
            index += 1
            if next == "\n" { line += 1 }
            if quote == "\"" && next == "\\" {
                if let after = peek, after == " " || after == "\t" || after == "\n" || after == "\r" {
                    while let blank = peek, blank == " " || blank == "\t" || blank == "\n" || blank == "\r" {
                        if blank == "\n" { line += 1 }
                        index += 1
                    }
                    continue
                }
                text.unicodeScalars.append(try parseEscape())
            } else {
                text.unicodeScalars.append(next)
            }
        }
    }

    private mutating func parseEscape() throws -> Unicode.Scalar {
        guard let code = peek else { throw syntaxError("unterminated string") }
        index += 1
        switch code {
        case "b": return "\u{08}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "e": return "\u{1B}"
        case "\"": return "\""
        case "\\": return "\\"
        case "u", "U":
            let digits = code == "u" ? 4 : 8
            var hex = ""
            for _ in 0..<digits {
                guard let digit = peek, digit.properties.isASCIIHexDigit else {
                    throw syntaxError("\\\(code) needs \(digits) hex digits")
                }
                hex.unicodeScalars.append(digit)
                index += 1
            }
            guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                throw syntaxError("\\\(code)\(hex) is not a Unicode scalar")
            }
            return scalar
        default:
            throw syntaxError("unknown escape '\\\(code)'")
        }
    }

    // MARK: - Scanning

    private var atEnd: Bool { index >= scalars.count }
    private var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    private func peek(offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
        guard peek == scalar else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while let next = peek, next == " " || next == "\t" { index += 1 }
    }

    private mutating func skipComment() {
        while let next = peek, next != "\n" { index += 1 }
    }

    /// Whitespace, comments and line breaks, as allowed between array elements.
    private mutating func skipBlank() throws {
        while let next = peek {
            if next == " " || next == "\t" || next == "\r" {
                index += 1
            } else if next == "\n" {
                index += 1
                line += 1
            } else if next == "#" {
                skipComment()
            } else {
                return
            }
        }
    }

    private func syntaxError(_ message: String, line: Int? = nil) -> ConfigError {
        ConfigError(origin: ConfigOrigin(source: source, line: line ?? self.line), message: "invalid TOML: \(message)")
    }
}
