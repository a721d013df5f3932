import Engine
import Foundation

/// A sweep file (`tunetop sweep SWEEP`): a base config and the keys to vary, searched on a
/// grid or at random (log-uniform for rates). Each trial is a list of `--set` overrides
/// applied to the base config; trials are seeded, so a resumed sweep repeats them exactly.
public struct SweepSpec: Sendable, Equatable {
    /// How trials are chosen.
    public enum Method: String, ConfigChoice {
        /// Every combination of the listed values.
        case grid
        /// `trials` independent draws.
        case random
    }

    /// The values one key takes.
    public enum Values: Sendable, Equatable {
        /// Explicit values as TOML literals (`0.01`, `"sgd"`, `64`): every one on a grid,
        /// one chosen uniformly at random otherwise.
        case list([String])
        /// A range for random search: uniform, or log-uniform when `log` (rates); integers
        /// when both bounds are written as integers.
        case range(min: Double, max: Double, log: Bool, integer: Bool)
    }

    /// One varied key.
    public struct Parameter: Sendable, Equatable {
        /// The dotted config key (`optimizer.learning_rate`).
        public var key: String
        /// Its values.
        public var values: Values
        /// Where it was written.
        public var origin: ConfigOrigin
    }

    /// The base config's path, resolved against the sweep file's folder.
    public var basePath: String
    /// Grid or random.
    public var method: Method
    /// The number of trials (for a grid: the number of combinations).
    public var trialCount: Int
    /// Seeds random search (and nothing else: each trial keeps its base config's seed).
    public var seed: UInt64
    /// The varied keys, in written order.
    public var parameters: [Parameter]

    /// Reads a sweep file.
    public static func load(path: String) throws -> SweepSpec {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(try ConfigFile.read(path), source: path, directory: directory)
    }

    /// Parses sweep text; a relative `base` is resolved against `directory`.
    public static func parse(_ text: String, source: String, directory: String) throws -> SweepSpec {
        try SweepSpecDecoder.decode(try TOMLParser.parse(text, source: source), source: source, directory: directory)
    }

    /// The overrides of each trial, in order. A grid varies the first key slowest.
    public func trials() -> [[(key: String, value: String)]] {
        switch method {
        case .grid:
            var combinations: [[(key: String, value: String)]] = [[]]
            for parameter in parameters {
                guard case .list(let values) = parameter.values else { continue }
                combinations = combinations.flatMap { prefix in values.map { prefix + [(key: parameter.key, value: $0)] } }
            }
            return combinations
        case .random:
            var rng = SeededRNG(seed: seed)
            return (0..<trialCount).map { _ in
                parameters.map { parameter in (key: parameter.key, value: Self.draw(parameter.values, using: &rng)) }
            }
        }
    }

    /// Checks every value each key can take against the base config, so a misspelt key or
    /// an out-of-range bound fails before the first trial runs, at its line in the sweep file.
    public func validate(base: RunConfig) throws {
        for parameter in parameters {
            let candidates: [String]
            switch parameter.values {
            case .list(let values): candidates = values
            case .range(let low, let high, _, let integer):
                candidates = [low, high].map { integer ? String(Int($0)) : TOMLWriter.float($0) }
            }
            for value in candidates {
                do {
                    _ = try base.applying(overrides: [(key: parameter.key, value: value)])
                } catch var error as ConfigError {
                    error.origin = parameter.origin
                    if error.key != parameter.key { error.message += " (in the base config with \(parameter.key) = \(value))" }
                    throw error
                }
            }
        }
    }

    private static func draw(_ values: Values, using rng: inout SeededRNG) -> String {
        let unit = Double(rng.next() >> 11) / Double(1 << 53)
        switch values {
        case .list(let items):
            return items[min(items.count - 1, Int(unit * Double(items.count)))]
        case .range(let low, let high, let log, let integer):
            if integer {
                let lowInt = Int(low), highInt = Int(high)
                let picked = log
                    ? Int((Foundation.log(low) + unit * (Foundation.log(high + 1) - Foundation.log(low))).exp().rounded(.down))
                    : lowInt + Int(unit * Double(highInt - lowInt + 1))
                return String(Swift.min(highInt, Swift.max(lowInt, picked)))
            }
            let raw = log ? (Foundation.log(low) + unit * (Foundation.log(high) - Foundation.log(low))).exp() : low + unit * (high - low)
            // Four significant digits read well in a leaderboard; clamp so rounding stays in range.
            let rounded = Double(String(format: "%.4g", raw)) ?? raw
            return TOMLWriter.float(Swift.min(high, Swift.max(low, rounded)))
        }
    }
}

extension Double {
    fileprivate func exp() -> Double { Foundation.exp(self) }
}
