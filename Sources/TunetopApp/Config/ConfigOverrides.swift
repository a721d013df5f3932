/// Applies `--set key=value` overrides to a parsed document before validation, so an
/// override is checked exactly like the same key written in the file.
enum ConfigOverrides {
    private enum Step: Equatable {
        case key(String)
        case index(Int)
    }

    static func apply(_ overrides: [(key: String, value: String)], to table: inout TOMLTable) throws {
        for (key, text) in overrides {
            let origin = ConfigOrigin(source: "--set \(key)=\(text)", isOverride: true)
            let steps = try parse(key, origin: origin)
            let value = (try? TOMLParser.parseValue(text, origin: origin))
                ?? TOMLValue(kind: .string(text), origin: origin)
            let root = TOMLValue(kind: .table(table), origin: origin)
            guard case .table(let updated) = try assign(value, at: steps[...], into: root, walked: "", origin: origin).kind
            else { continue }
            table = updated
        }
    }

    /// `model.layers[1].units` or `model.layers.1.units` → key, key, index, key.
    private static func parse(_ key: String, origin: ConfigOrigin) throws -> [Step] {
        var steps: [Step] = []
        for part in key.split(separator: ".", omittingEmptySubsequences: false) {
            var name = Substring(part)
            var indices: [Int] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                guard let index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]), index >= 0 else {
                    throw ConfigError(origin: origin, key: key, message: "has an invalid index '\(name[open...])'")
                }
                indices.insert(index, at: 0)
                name = name[..<open]
            }
            if let index = Int(name), index >= 0, !steps.isEmpty {
                steps.append(.index(index))
            } else {
                guard !name.isEmpty else { throw ConfigError(origin: origin, key: key, message: "is not a valid dotted key") }
                steps.append(.key(String(name)))
            }
            steps += indices.map(Step.index)
        }
        return steps
    }

    private static func assign(
        _ value: TOMLValue, at steps: ArraySlice<Step>, into current: TOMLValue?, walked: String, origin: ConfigOrigin
    ) throws -> TOMLValue {
        guard let step = steps.first else { return value }
        switch step {
        case .key(let name):
            var table = TOMLTable()
            if let current {
                guard case .table(let existing) = current.kind else {
                    throw ConfigError(origin: origin, key: walked, message: "is \(current.typeDescription), not a table; cannot set '\(name)' in it")
                }
                table = existing
            }
            let path = walked.isEmpty ? name : "\(walked).\(name)"
            table[name] = try assign(value, at: steps.dropFirst(), into: table[name], walked: path, origin: origin)
            return TOMLValue(kind: .table(table), origin: current?.origin ?? origin)
        case .index(let index):
            guard let current, case .array(var items) = current.kind else {
                throw ConfigError(origin: origin, key: walked, message: "is not a list; cannot index it with [\(index)]")
            }
            guard index < items.count else {
                throw ConfigError(origin: origin, key: walked, message: "has \(items.count) entries; [\(index)] is out of range")
            }
            items[index] = try assign(value, at: steps.dropFirst(), into: items[index], walked: "\(walked)[\(index)]", origin: origin)
            return TOMLValue(kind: .array(items), origin: current.origin)
        }
    }
}
