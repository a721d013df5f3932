import Foundation
import Telemetry

/// `tunetop runs --compare A B`: two runs' curves overlaid in the dashboard, or, without a
/// terminal, their summaries side by side.
struct RunComparison {
    let directory: String
    let runs: [String]

    func present() throws {
        let paths = runs.map(resolve)
        let contents = try paths.map(RunPath.read)
        let names = paths.map(RunPath.displayName)
        if Terminal.isInteractive {
            let shown = try DashboardLauncher.present(
                .compare(a: contents[0].events, b: contents[1].events, nameA: names[0], nameB: names[1]), theme: nil)
            if shown { return }
        }
        let rows = zip(names, contents).map { RunListing.row(name: $0, events: $1.events) }
        print(RunListing.table(rows))
    }

    /// A name under the runs directory, or a path as given.
    private func resolve(_ run: String) -> String {
        let underDirectory = (directory as NSString).appendingPathComponent(run)
        return FileManager.default.fileExists(atPath: underDirectory) ? underDirectory : run
    }
}
