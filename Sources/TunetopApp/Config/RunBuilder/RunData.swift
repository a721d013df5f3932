import Datasets
import Engine
import Foundation

/// The data half of `RunBuilder`: load and limit, then `PreparedData` splits (stratified),
/// normalizes with training statistics and balances the training split.
struct RunData {
    var train: Dataset
    var validation: Dataset
    var normalization: NormalizationStats
    /// Balanced per-class loss weights under `class_balance = "weights"`.
    var classWeights: [Float]?

    static func load(_ config: RunConfig, sampleData: String, splitSeed: UInt64) throws -> RunData {
        let settings = config.data
        let asImages = LayerSpec.takesImages(config.layers)
        let limit = settings.limit > 0 ? settings.limit : nil
        var full: Dataset
        do {
            switch settings.dataset {
            case .digits:
                let path = resolve(settings.path ?? "digits/digits.csv", sampleData: sampleData)
                full = try Digits.load(path: path, asImages: asImages)
            case .mnist:
                let directory = resolve(settings.path ?? "mnist", sampleData: sampleData)
                full = try MNIST.load(directory: directory, split: .train, limit: limit, asImages: asImages)
            case .csv:
                let path = resolve(settings.path ?? "", sampleData: sampleData)
                full = try CSVLoader.load(path: path, labelColumn: settings.labelColumn, hasHeader: settings.hasHeader)
            }
        } catch {
            throw ConfigError(origin: nil, key: "data.path", message: "cannot load the \(settings.dataset.rawValue) data: \(error)")
        }
        if let limit, full.count > limit { full = full.subset(Array(0..<limit)) }
        let prepared = try PreparedData(
            full, validationFraction: settings.validationFraction, seed: splitSeed,
            normalization: mode(settings.normalization), classBalance: balance(settings.classBalance))
        guard prepared.train.count > 0 else {
            throw ConfigError(
                origin: nil, key: settings.limit > 0 ? "data.limit" : "data.validation_fraction",
                message: "leaves no training examples: all \(full.count) go to the validation split")
        }
        return RunData(
            train: prepared.train, validation: prepared.validation, normalization: prepared.normalization,
            classWeights: prepared.classWeights)
    }

    /// Absolute paths as they are; relative ones from the working directory when they exist
    /// there, otherwise inside the bundled sample-data folder.
    static func resolve(_ path: String, sampleData: String) -> String {
        if path.hasPrefix("/") || FileManager.default.fileExists(atPath: path) { return path }
        return URL(fileURLWithPath: sampleData).appendingPathComponent(path).path
    }

    private static func balance(_ choice: DataSettings.ClassBalance) -> ClassBalanceMode {
        switch choice {
        case .none: return .none
        case .weights: return .weights
        case .oversample: return .oversample
        }
    }

    private static func mode(_ normalization: DataSettings.Normalization) -> NormalizationMode {
        switch normalization {
        case .none: return .none
        case .standardize: return .standardizePerFeature
        case .standardizePerChannel: return .standardizePerChannel
        case .unitRange: return .unitRange
        case .symmetricRange: return .symmetricRange
        }
    }
}
