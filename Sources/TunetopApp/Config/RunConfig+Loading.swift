import Foundation

extension RunConfig {
    /// Reads, overrides and validates a config file. Overrides are applied to the file's
    /// keys before validation, so values that default from others (one_cycle's `max_lr`
    /// from `learning_rate`) follow them, and errors still name the file's lines.
    public static func load(path: String, overrides: [(key: String, value: String)] = []) throws -> RunConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(origin: ConfigOrigin(source: path), message: "cannot read the config file (\(Self.reason(error)))")
        }
        return try parse(text, source: path, overrides: overrides)
    }

    /// Parses, overrides and validates config text; `source` names it in error lines.
    public static func parse(_ text: String, source: String, overrides: [(key: String, value: String)] = []) throws
        -> RunConfig
    {
        var table = try TOMLParser.parse(text, source: source)
        try ConfigOverrides.apply(overrides, to: &table)
        return try RunConfigDecoder.decode(table, origin: ConfigOrigin(source: source))
    }

    /// This config with `--set key=value` overrides (dotted keys, `model.layers[1].units`;
    /// values typed like the file, bare words taken as strings), validated like a file.
    public func applying(overrides: [(key: String, value: String)]) throws -> RunConfig {
        guard !overrides.isEmpty else { return self }
        return try Self.parse(renderTOML(), source: "resolved config", overrides: overrides)
    }

    /// The same, from a dictionary (applied in key order, so the result is deterministic).
    public func applying(overrides: [String: String]) throws -> RunConfig {
        try applying(overrides: overrides.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })
    }

    /// The overrides the shared run flags stand for, in the order they apply: every
    /// `--set KEY=VALUE`, then `--epochs`, `--seed`, `--lr` (a flag beats `--set`).
    public static func flagOverrides(
        epochs: Int? = nil, seed: UInt64? = nil, learningRate: Double? = nil, set: [String] = []
    ) throws -> [(key: String, value: String)] {
        var overrides: [(key: String, value: String)] = try set.map { item in
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw ConfigError(origin: ConfigOrigin(source: "--set \(item)"), message: "expects KEY=VALUE")
            }
            return (String(item[..<equals]).trimmingCharacters(in: .whitespaces),
                    String(item[item.index(after: equals)...]).trimmingCharacters(in: .whitespaces))
        }
        if let epochs { overrides.append(("epochs", String(epochs))) }
        if let seed { overrides.append(("seed", String(seed))) }
        if let learningRate { overrides.append(("optimizer.learning_rate", TOMLWriter.float(learningRate))) }
        return overrides
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        return nsError.localizedDescription
    }
}
