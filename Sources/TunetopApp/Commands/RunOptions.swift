import ArgumentParser

/// Flags shared by every command that starts training (`train`, `lr-find`, `sweep`).
struct RunOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Directory that holds run directories.", valueName: "DIR"))
    var runs: String = "runs"

    @Option(name: .long, help: ArgumentHelp("Run name (default: config name and start time).", valueName: "NAME"))
    var name: String?

    @Option(name: .long, help: ArgumentHelp("Override the number of epochs.", valueName: "N"))
    var epochs: Int?

    @Option(name: .long, help: ArgumentHelp("Override the random seed.", valueName: "S"))
    var seed: UInt64?

    @Option(name: .long, help: ArgumentHelp("Override the initial learning rate.", valueName: "X"))
    var lr: Double?

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp("Override any config key, e.g. --set optimizer.momentum=0.8 (repeatable).", valueName: "KEY=VALUE"))
    var overrides: [String] = []

    func validate() throws {
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1 (got \(epochs))") }
        if let lr, !(lr > 0 && lr.isFinite) { throw ValidationError("--lr must be a positive number (got \(lr))") }
        for item in overrides where !item.contains("=") {
            throw ValidationError("--set expects KEY=VALUE (got '\(item)')")
        }
    }
}
