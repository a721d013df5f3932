import ArgumentParser
import Engine
import Foundation

/// The `tunetop` command line (see `shared/DESIGN.md`, "The command line contract").
public struct Tunetop: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tunetop",
        abstract: "htop for neural-network training: train, watch and steer a run live.",
        discussion: """
            With no subcommand, trains the bundled default (an MLP on sample-data/digits) with \
            the live dashboard, or with progress lines when standard output is not a terminal.
            Exit status: 0 completed / early-stopped / stopped by the user; 1 error; 2 usage \
            error; 3 training diverged.
            """,
        subcommands: [
            TrainCommand.self, ReplayCommand.self, FollowCommand.self, ExportCommand.self,
            RunsCommand.self, LRFindCommand.self, SweepCommand.self, BenchCommand.self,
        ],
        defaultSubcommand: TrainCommand.self
    )

    public init() {}

    /// Parses the process arguments, runs the command and exits with the contract's status:
    /// swift-argument-parser's own usage status (64) becomes 2.
    public static func runAndExit(_ arguments: [String]? = nil) -> Never {
        // Convolution workspaces are freed and reallocated every step; without this glibc
        // hands them back to the kernel each time and the page faults cost a third of W3.
        FreedMemoryRetention.enable()
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            exit(withError: nil)
        } catch let failure as CLIFailure {
            FileHandle.standardError.write(Data("tunetop: \(failure.message)\n".utf8))
            Foundation.exit(failure.status.rawValue)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Self.exit(withError: error)
            }
            let message = fullMessage(for: error)
            FileHandle.standardError.write(Data("\(message)\n".utf8))
            Foundation.exit(code == .validationFailure ? ExitStatus.usage.rawValue : ExitStatus.error.rawValue)
        }
    }
}
