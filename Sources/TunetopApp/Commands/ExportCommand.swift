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
        // Damage is reported, not fatal: every complete, valid record is still exported.
        let contents = try RunPath.read(runPath)
        var output = StandardOutputStream()
        Exporter.write(contents.events, format: format, to: &output)
        output.flush()
    }
}
