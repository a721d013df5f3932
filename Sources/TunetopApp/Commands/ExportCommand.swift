import ArgumentParser
import Foundation
import Telemetry

extension ExportFormat: ExpressibleByArgument {}

/// `tunetop export RUN --format csv|jsonl`: writes a run's records to standard output.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a run: scalars as CSV (tag,step,wall_time,value) or everything as JSON lines.")

    @Argument(help: ArgumentHelp("Run directory or tfevents file.", valueName: "RUN"))
    var runPath: String

    @Option(name: .long, help: "Output format.")
    var format: ExportFormat = .csv

    func run() throws {
        try RunPath.requireExisting(runPath)
        var output = StandardOutputStream()
        do {
            try Exporter.export(path: runPath, format: format, to: &output)
        } catch {
            throw CLIFailure("\(runPath): \(error)")
        }
        output.flush()
    }
}
