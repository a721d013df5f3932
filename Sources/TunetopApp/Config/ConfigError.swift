/// Where a config value came from, so an error can point at it: a file and line, or a
/// command-line flag such as `--set optimizer.learning_rate=0.1`.
public struct ConfigOrigin: Sendable, Equatable, CustomStringConvertible {
    /// A file path, `--set key=value`, `--lr`, or `defaults`.
    public var source: String
    /// The 1-based line in `source`, when it is a file.
    public var line: Int?
    /// Whether the value came from a command-line override (`--set`, `--lr`, a sweep trial)
    /// rather than from a file: a `kind` switched by an override drops the file's options
    /// of the old kind (see `TableReader.rejectUnknownKeys`).
    public var isOverride: Bool

    /// Creates an origin.
    public init(source: String, line: Int? = nil, isOverride: Bool = false) {
        self.source = source
        self.line = line
        self.isOverride = isOverride
    }

    public var description: String { line.map { "\(source):\($0)" } ?? source }
}

/// A config mistake, caught before anything runs. Its description is the one line the
/// command prints: `file:line: key 'optimizer.lerning_rate' is unknown; did you mean 'learning_rate'?`.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the offending value (or key) was written.
    public var origin: ConfigOrigin?
    /// The full dotted key at fault (`model.layers[2].units`), when there is one.
    public var key: String?
    /// What is wrong, phrased to follow `key '…' ` (or on its own without a key).
    public var message: String
    /// The values the key accepts, listed after the message.
    public var allowed: [String]

    /// Creates an error.
    public init(origin: ConfigOrigin?, key: String? = nil, message: String, allowed: [String] = []) {
        self.origin = origin
        self.key = key
        self.message = message
        self.allowed = allowed
    }

    public var description: String {
        var text = origin.map { "\($0): " } ?? ""
        if let key { text += "key '\(key)' " }
        text += message
        if !allowed.isEmpty { text += " (allowed: \(allowed.joined(separator: ", ")))" }
        return text
    }
}
