import ArgumentParser

/// The `tunetop` command line (see `shared/DESIGN.md`, "The command line contract").
public struct Tunetop: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tunetop",
        abstract: "htop for neural-network training: train, watch and steer a run live."
    )

    public init() {}

    public func run() throws {
        print("tunetop: the trainer and dashboard are not wired yet")
    }
}
