import Foundation

/// The run config a command trains: the file given (or the built-in default digits MLP)
/// with the shared flags applied over it, validated before anything runs.
enum ConfigLoading {
    /// The resolved config and the name runs made from it start with.
    static func resolve(path: String?, options: RunOptions) throws -> (RunConfig, String) {
        do {
            let overrides = try RunConfig.flagOverrides(
                epochs: options.epochs, seed: options.seed, learningRate: options.lr, set: options.overrides)
            if let path {
                let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
                return (try RunConfig.load(path: path, overrides: overrides), base)
            }
            return (try RunConfig.default.applying(overrides: overrides), "digits-mlp")
        } catch let error as ConfigError {
            throw CLIFailure(error.description)
        }
    }
}
