import Foundation
import Telemetry

/// The steps every training command shares: build the run from its config with the
/// bundled data, open its event file; failures become one clear line.
enum RunBuilding {
    static func build(_ config: RunConfig) throws -> BuiltRun {
        let sampleData = try SampleData.root()
        do {
            return try RunBuilder.build(config, sampleData: sampleData.path)
        } catch let error as CLIFailure {
            throw error
        } catch {
            throw CLIFailure("\(error)")
        }
    }

    static func openWriter(_ directory: RunDirectory) throws -> RunWriter {
        do {
            return try RunWriter(directory: directory.path)
        } catch {
            throw CLIFailure("\(directory.path): \(error)")
        }
    }
}
