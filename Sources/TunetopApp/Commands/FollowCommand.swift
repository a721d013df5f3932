import ArgumentParser

/// `tunetop follow PATH`: follows a run another process is still writing.
struct FollowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "follow", abstract: "Follow a run that another process (tunetop, PyTorch, TensorFlow…) is writing.")

    @Argument(help: ArgumentHelp("Run directory or tfevents file.", valueName: "PATH"))
    var path: String

    func run() throws {
        throw CLIFailure("follow is not wired yet")
    }
}
