/// Reads typed values out of one TOML table and remembers which keys it asked for, so
/// whatever is left over is an unknown key (reported with a did-you-mean suggestion).
/// Each read checks type and range and throws a `ConfigError` naming the file, line and
/// full dotted key.
final class TableReader {
    let table: TOMLTable
    /// The dotted path of this table (`optimizer`, `model.layers[2]`; empty at the root).
    let path: String
    /// Where the table was opened, for errors about the table as a whole.
    let origin: ConfigOrigin
    private var asked: [String] = []
    /// A required key that is absent, reported only after the unknown keys (see `require`).
    private var missing: ConfigError?

    init(table: TOMLTable, path: String, origin: ConfigOrigin) {
        self.table = table
        self.path = path
        self.origin = origin
    }

    /// The full dotted key for `key` in this table.
    func qualified(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The raw value, marking the key as known.
    func value(_ key: String) -> TOMLValue? {
        asked.append(key)
        return table[key]
    }

    /// Whether the key is written (also marks it known).
    func contains(_ key: String) -> Bool { value(key) != nil }

    /// Whether a key that must be written is there. When it is not, the error (at the
    /// table's line) waits for `rejectUnknownKeys`, which throws it only when every written
    /// key is known: a misspelt required key (`unit = 32`) is reported as the unknown key it
    /// is, with its did-you-mean, rather than as a missing `units`.
    func require(_ key: String, _ message: String) -> Bool {
        guard value(key) == nil else { return true }
        if missing == nil { missing = ConfigError(origin: origin, key: qualified(key), message: message) }
        return false
    }

    /// An error about `key`, at the line of its value (or of the table).
    func error(_ key: String, _ message: String, allowed: [String] = []) -> ConfigError {
        ConfigError(origin: table[key]?.origin ?? origin, key: qualified(key), message: message, allowed: allowed)
    }

    private func typeError(_ key: String, expected: String, found: TOMLValue) -> ConfigError {
        error(key, "expects \(expected), found \(found.typeDescription) (\(found.tomlText))")
    }

    // MARK: - Scalars

    func int(_ key: String, default fallback: Int, _ bound: ValueBound<Int> = .any) throws -> Int {
        guard let found = value(key) else { return fallback }
        guard case .integer(let raw) = found.kind else { throw typeError(key, expected: "an integer", found: found) }
        guard let number = Int(exactly: raw), bound.accepts(number) else {
            throw error(key, "\(bound.requirement) (got \(raw))")
        }
        return number
    }

    /// A finite number; integers are accepted where floats are expected (`gamma = 1`).
    func double(_ key: String, default fallback: Double, _ bound: ValueBound<Double> = .any) throws -> Double {
        guard let found = value(key) else { return fallback }
        let number: Double
        switch found.kind {
        case .float(let raw): number = raw
        case .integer(let raw): number = Double(raw)
        default: throw typeError(key, expected: "a number", found: found)
        }
        guard number.isFinite else { throw error(key, "must be a finite number (got \(found.tomlText))") }
        guard bound.accepts(number) else { throw error(key, "\(bound.requirement) (got \(found.tomlText))") }
        try checkSinglePrecision(key, number, bound, written: found.tomlText)
        return number
    }

    /// The engine computes in `Float`: a number that overflows there, or rounds out of its
    /// range (`learning_rate = 1e-50` becomes 0, `betas = [0.9, 0.9999999999]` ends at 1),
    /// would pass here and fail only when the run is built.
    private func checkSinglePrecision(_ key: String, _ number: Double, _ bound: ValueBound<Double>, written: String) throws {
        if let problem = Self.singlePrecisionProblem(number, bound, written: written) { throw error(key, problem) }
    }

    static func singlePrecisionProblem(_ number: Double, _ bound: ValueBound<Double>, written: String) -> String? {
        let single = Float(number)
        if !single.isFinite {
            return "must be within ±3.4e38 (got \(written), which is infinite in single precision, the engine's number type)"
        }
        guard !bound.accepts(Double(single)) else { return nil }
        return "\(bound.requirement) (got \(written), which is \(single) in single precision, the engine's number type)"
    }

    /// A number where 0 means "off" (nil); otherwise checked against `bound`.
    func optionalDouble(_ key: String, default fallback: Double?, _ bound: ValueBound<Double>) throws -> Double? {
        guard table[key] != nil else { _ = value(key); return fallback }
        let number = try double(key, default: 0, .atLeast(0))
        if number == 0 { return nil }
        guard bound.accepts(number) else { throw error(key, "\(bound.requirement) (got \(number))") }
        return number
    }

    func bool(_ key: String, default fallback: Bool) throws -> Bool {
        guard let found = value(key) else { return fallback }
        guard case .bool(let flag) = found.kind else { throw typeError(key, expected: "true or false", found: found) }
        return flag
    }

    func string(_ key: String, default fallback: String) throws -> String {
        try optionalString(key) ?? fallback
    }

    func optionalString(_ key: String) throws -> String? {
        guard let found = value(key) else { return nil }
        guard case .string(let text) = found.kind else { throw typeError(key, expected: "a string", found: found) }
        guard !text.isEmpty else { throw error(key, "must not be empty") }
        return text
    }

    /// One of an enum's words, with a suggestion and the allowed list when misspelt.
    func choice<Choice: ConfigChoice>(_ key: String, default fallback: Choice) throws -> Choice {
        try optionalChoice(key, Choice.self) ?? fallback
    }

    func optionalChoice<Choice: ConfigChoice>(_ key: String, _ type: Choice.Type) throws -> Choice? {
        guard let found = value(key) else { return nil }
        guard case .string(let word) = found.kind else {
            throw error(key, "expects a string, found \(found.typeDescription) (\(found.tomlText))", allowed: Choice.allowedValues)
        }
        guard let choice = Choice(rawValue: word) else {
            throw error(
                key, "has unknown value '\(word)'\(DidYouMean.clause(for: word, among: Choice.allowedValues))",
                allowed: Choice.allowedValues)
        }
        return choice
    }

    /// An array of finite numbers, each checked against `bound`.
    func doubles(_ key: String, _ bound: ValueBound<Double> = .any) throws -> [Double]? {
        guard let found = value(key) else { return nil }
        guard case .array(let items) = found.kind else { throw typeError(key, expected: "an array of numbers", found: found) }
        return try items.enumerated().map { offset, item in
            let number: Double
            switch item.kind {
            case .float(let raw): number = raw
            case .integer(let raw): number = Double(raw)
            default: throw error(key, "expects numbers, found \(item.typeDescription) (\(item.tomlText)) at index \(offset)")
            }
            guard number.isFinite, bound.accepts(number) else {
                throw error(key, "element \(offset) \(bound.requirement.isEmpty ? "must be finite" : bound.requirement) (got \(item.tomlText))")
            }
            if let problem = Self.singlePrecisionProblem(number, bound, written: item.tomlText) {
                throw error(key, "element \(offset) \(problem)")
            }
            return number
        }
    }

    // MARK: - Tables

    /// A sub-table (`[data.augmentation]` or an inline table), nil when absent.
    func subtable(_ key: String) throws -> TableReader? {
        guard let found = value(key) else { return nil }
        guard case .table(let inner) = found.kind else { throw typeError(key, expected: "a table", found: found) }
        return TableReader(table: inner, path: qualified(key), origin: found.origin)
    }

    /// An array of tables (`[[model.layers]]`), each read on its own as `key[i]`.
    func tables(_ key: String) throws -> [TableReader]? {
        guard let found = value(key) else { return nil }
        guard case .array(let items) = found.kind else { throw typeError(key, expected: "an array of tables", found: found) }
        return try items.enumerated().map { offset, item in
            guard case .table(let inner) = item.kind else {
                throw error(key, "expects tables ([[\(qualified(key))]]), found \(item.typeDescription) at index \(offset)")
            }
            return TableReader(table: inner, path: "\(qualified(key))[\(offset)]", origin: item.origin)
        }
    }

    // MARK: - Unknown keys

    /// Throws for the first key (in written order) nobody asked for, suggesting the
    /// closest known key, then for a missing required key (`require`). `context` explains
    /// what the known keys depend on.
    ///
    /// `otherKindsOptions` are the options that only other values of `kindKey` take. When an
    /// override (`--set optimizer.kind=sgd`, a sweep over it) switched the kind, those of
    /// them written in the file are dropped instead of refused: they belonged to the kind the
    /// file chose, and the override replaced it. Options given as overrides themselves, and
    /// keys no kind takes (typos), are still errors.
    func rejectUnknownKeys(context: String? = nil, otherKindsOptions: Set<String> = [], kindKey: String = "kind") throws {
        let kindOverridden = table[kindKey]?.origin.isOverride == true
        for (key, found) in table.entries where !asked.contains(key) {
            if kindOverridden, otherKindsOptions.contains(key), !found.origin.isOverride { continue }
            let known = Set(asked).sorted()
            let scope = context.map { " for \($0)" } ?? ""
            var message = "is unknown\(scope)\(DidYouMean.clause(for: key, among: known))"
            if context != nil, DidYouMean.suggestion(for: key, among: known) == nil {
                let options = asked.filter { $0 != "kind" }.uniqued()
                message += options.isEmpty ? "; it takes no options" : "; it takes: \(options.joined(separator: ", "))"
            }
            throw ConfigError(origin: found.origin, key: qualified(key), message: message)
        }
        if let missing { throw missing }
    }
}

extension Array where Element: Hashable {
    fileprivate func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
