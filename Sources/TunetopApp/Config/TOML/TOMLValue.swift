/// A parsed TOML value with the place it was written, so validation errors can name the
/// file and line of the key at fault.
struct TOMLValue: Sendable {
    /// The value itself.
    enum Kind: Sendable {
        case string(String)
        case integer(Int64)
        case float(Double)
        case bool(Bool)
        case array([TOMLValue])
        case table(TOMLTable)
    }

    var kind: Kind
    /// Where the key (or table header) that introduced this value was written.
    var origin: ConfigOrigin

    /// How this value's type reads in an error message ("a string", "a table").
    var typeDescription: String {
        switch kind {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a float"
        case .bool: return "a boolean"
        case .array: return "an array"
        case .table: return "a table"
        }
    }

    /// The value as TOML source, for messages and for sweep overrides.
    var tomlText: String {
        switch kind {
        case .string(let text): return TOMLWriter.quoted(text)
        case .integer(let value): return String(value)
        case .float(let value): return TOMLWriter.float(value)
        case .bool(let value): return value ? "true" : "false"
        case .array(let items): return "[" + items.map(\.tomlText).joined(separator: ", ") + "]"
        case .table(let table):
            return "{ " + table.entries.map { "\(TOMLWriter.key($0.key)) = \($0.value.tomlText)" }
                .joined(separator: ", ") + " }"
        }
    }
}

/// A TOML table that keeps its keys in the order they were written, so the first
/// mistake in the file is the one reported.
struct TOMLTable: Sendable {
    private(set) var keys: [String] = []
    private var values: [String: TOMLValue] = [:]

    /// The value under a key, if any.
    subscript(key: String) -> TOMLValue? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// Entries in written order.
    var entries: [(key: String, value: TOMLValue)] { keys.map { ($0, values[$0]!) } }

    /// Whether the table has no keys.
    var isEmpty: Bool { keys.isEmpty }
}
