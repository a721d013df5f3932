import ArgumentParser
import Foundation
import Telemetry

/// `tunetop runs [DIR]`: lists runs with their outcome; `--compare A B` overlays two runs.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "List runs: name, end reason, steps, best val loss/accuracy, duration.")

    @Argument(help: ArgumentHelp("Directory holding run directories.", valueName: "DIR"))
    var directory: String = "runs"

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp("Overlay two runs' curves in the dashboard (names under DIR or paths).", valueName: "A B"))
    var compare: [String] = []

    func validate() throws {
        if !compare.isEmpty && compare.count != 2 {
            throw ValidationError("--compare takes exactly two runs (got \(compare.count))")
        }
    }

    func run() throws {
        if compare.count == 2 {
            try RunComparison(directory: directory, runs: compare).present()
            return
        }
        try RunPath.requireExisting(directory)
        let names = try RunListing.runDirectories(in: directory)
        if names.isEmpty {
            print("no runs in \(directory)")
            return
        }
        var rows: [RunRow] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            let contents = try RunReader.read(path: path)
            for damage in contents.damages {
                FileHandle.standardError.write(Data("tunetop: warning: \(damage)\n".utf8))
            }
            rows.append(RunListing.row(name: name, events: contents.events))
        }
        print(RunListing.table(rows))
    }
}
