import Foundation

extension RunConfig {
    /// Reads, overrides and validates a config file. Overrides are applied to the file's
    /// keys before validation, so values that default from others (one_cycle's `max_lr`
    /// from `learning_rate`) follow them, and errors still name the file's lines.
    public static func load(path: String, overrides: [(key: String, value: String)] = []) throws -> RunConfig {
        let text = try ConfigFile.read(path)
        return try parse(text, source: path, overrides: overrides)
    }

    /// Parses, overrides and validates config text; `source` names it in error lines.
    public static func parse(_ text: String, source: String, overrides: [(key: String, value: String)] = []) throws
        -> RunConfig
    {
        var table = try TOMLParser.parse(text, source: source)
        if table["model"] == nil, overrides.contains(where: { $0.key.hasPrefix("model.") }) {
            // `--set model.layers[0].units=…` on a file that keeps the default model.
            table["model"] = try TOMLParser.parse(RunConfig.default.renderTOML(), source: "default model")["model"]
        }
        try ConfigOverrides.apply(overrides, to: &table)
        return try RunConfigDecoder.decode(table, origin: ConfigOrigin(source: source))
    }

    /// This config with `--set key=value` overrides (dotted keys, `model.layers[1].units`;
    /// values typed like the file, bare words taken as strings), validated like a file.
    public func applying(overrides: [(key: String, value: String)]) throws -> RunConfig {
        guard !overrides.isEmpty else { return self }
        let source = "resolved config"
        do {
            return try Self.parse(renderTOML(includeDefaults: false), source: source, overrides: overrides)
        } catch var error as ConfigError where error.origin?.source == source {
            // The rendered text is never shown: blame the override nearest the key instead.
            let key = error.key ?? ""
            let culprit = overrides.max { commonPrefix($0.key, key) < commonPrefix($1.key, key) }!
            error.origin = ConfigOrigin(source: "--set \(culprit.key)=\(culprit.value)")
            throw error
        }
    }

    private func commonPrefix(_ a: String, _ b: String) -> Int {
        zip(a.replacingOccurrences(of: ".", with: "[").split(separator: "["), b.replacingOccurrences(of: ".", with: "[").split(separator: "["))
            .prefix { $0 == $1 }.count
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
}

/// Reading a config file, with one-line reasons when it cannot be read.
enum ConfigFile {
    static func read(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        let origin = ConfigOrigin(source: path)
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigError(origin: origin, message: "no such config file")
        }
        guard !isDirectory.boolValue else { throw ConfigError(origin: origin, message: "is a directory, not a config file") }
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw ConfigError(origin: origin, message: "cannot read the config file (permission denied?)")
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw ConfigError(origin: origin, message: "the config file is not UTF-8 text")
        }
        return text
    }
}
