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
        let contents: RunContents
        do {
            contents = try RunReader.read(path: runPath)
        } catch {
            throw CLIFailure("\(runPath): \(error)")
        }
        // Damage is reported, not fatal: every complete, valid record is still exported.
        for damage in contents.damages { Terminal.warn("warning: \(damage)") }
        var output = StandardOutputStream()
        Exporter.write(contents.events, format: format, to: &output)
        output.flush()
    }
}
