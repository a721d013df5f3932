import Foundation

/// Reads and validates a sweep file's keys: `base`, `method`, `trials`, `seed`, `[params]`.
enum SweepSpecDecoder {
    static func decode(_ root: TOMLTable, source: String, directory: String) throws -> SweepSpec {
        let reader = TableReader(table: root, path: "", origin: ConfigOrigin(source: source))
        guard let base = try reader.optionalString("base") else {
            throw reader.error("base", "is required: the config file the trials start from (relative to this file)")
        }
        let basePath = base.hasPrefix("/") ? base : URL(fileURLWithPath: directory).appendingPathComponent(base).standardized.path
        let method = try reader.choice("method", default: SweepSpec.Method.grid)
        let seed = UInt64(try reader.int("seed", default: 0, .atLeast(0)))
        var requestedTrials: Int?
        if method == .random {
            guard reader.table["trials"] != nil else { throw reader.error("trials", "is required for method = \"random\"") }
            requestedTrials = try reader.int("trials", default: 1, .above(0))
        }
        guard let paramsReader = try reader.subtable("params"), !paramsReader.table.isEmpty else {
            throw reader.error("params", "needs at least one key to vary, e.g. [params] \"optimizer.learning_rate\" = [1e-3, 1e-2]")
        }
        try reader.rejectUnknownKeys(context: method == .grid ? "method = \"grid\"" : nil)
        let parameters = try flatten(paramsReader.table, prefix: "", method: method, source: source)
        let trialCount = requestedTrials ?? parameters.reduce(1) { product, parameter in
            if case .list(let values) = parameter.values { return product * values.count }
            return product
        }
        return SweepSpec(basePath: basePath, method: method, trialCount: trialCount, seed: seed, parameters: parameters)
    }

    /// `[params]` may use quoted dotted keys (`"optimizer.learning_rate" = …`) or nested
    /// tables (`[params.optimizer]`); both flatten to the dotted config key.
    private static func flatten(_ table: TOMLTable, prefix: String, method: SweepSpec.Method, source: String) throws
        -> [SweepSpec.Parameter]
    {
        try table.entries.flatMap { key, value -> [SweepSpec.Parameter] in
            let dotted = prefix.isEmpty ? key : "\(prefix).\(key)"
            switch value.kind {
            case .array(let items):
                guard !items.isEmpty else {
                    throw ConfigError(origin: value.origin, key: "params.\(dotted)", message: "needs at least one value")
                }
                return [SweepSpec.Parameter(key: dotted, values: .list(items.map(\.tomlText)), origin: value.origin)]
            case .table(let inner) where inner["min"] != nil || inner["max"] != nil || inner["log"] != nil:
                return [try range(inner, key: dotted, method: method, origin: value.origin)]
            case .table(let inner):
                return try flatten(inner, prefix: dotted, method: method, source: source)
            default:
                throw ConfigError(
                    origin: value.origin, key: "params.\(dotted)",
                    message: "expects a list of values [a, b] or a range { min = …, max = …, log = true }, found \(value.typeDescription)")
            }
        }
    }

    private static func range(_ table: TOMLTable, key: String, method: SweepSpec.Method, origin: ConfigOrigin) throws
        -> SweepSpec.Parameter
    {
        let reader = TableReader(table: table, path: "params.\(key)", origin: origin)
        guard method == .random else {
            throw ConfigError(
                origin: origin, key: reader.path, message: "is a range, which needs method = \"random\"; a grid takes a list [a, b, …]")
        }
        for bound in ["min", "max"] where table[bound] == nil {
            throw ConfigError(origin: origin, key: reader.qualified(bound), message: "is required in a range")
        }
        let low = try reader.double("min", default: 0)
        let high = try reader.double("max", default: 0, .above(low))
        let log = try reader.bool("log", default: false)
        if log, low <= 0 { throw reader.error("min", "must be > 0 for a log-uniform range (got \(low))") }
        try reader.rejectUnknownKeys()
        var integer = false
        if case .integer? = table["min"]?.kind, case .integer? = table["max"]?.kind { integer = true }
        return SweepSpec.Parameter(key: key, values: .range(min: low, max: high, log: log, integer: integer), origin: origin)
    }
}
