import ArgumentParser
import Foundation
import Telemetry

/// `tunetop follow PATH`: follows a run another process is still writing.
struct FollowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "follow",
        abstract: "Follow a run that another process (tunetop, PyTorch, TensorFlow…) is writing.",
        discussion: """
            Shows records as they are appended. Without a terminal (or with --headless) prints \
            progress lines and ends when the run writes its summary, or on Ctrl-C.
            """)

    @Argument(help: ArgumentHelp("Run directory or tfevents file.", valueName: "PATH"))
    var path: String

    @Option(name: .long, help: ArgumentHelp("Seconds between polls of the file.", valueName: "S"))
    var interval: Double = 0.2

    @OptionGroup var viewer: ViewerOptions

    func validate() throws {
        guard interval > 0, interval <= 60 else { throw ValidationError("--interval must be in (0, 60] (got \(interval))") }
    }

    func run() throws {
        try DashboardLauncher.checkTheme(viewer.theme)
        try RunPath.requireExisting(path)
        let follower: RunFollower
        do {
            follower = try RunFollower(path: path)
        } catch {
            throw RunPath.failure(path, error)
        }
        var reportedDamages = 0
        let poll: () -> [Event] = {
            let events = (try? follower.poll()) ?? []
            return events
        }
        if viewer.wantsDashboard {
            let presented = try DashboardLauncher.present(
                .follow(name: RunPath.displayName(path)), theme: viewer.theme, pollEvents: poll)
            if presented { return }
        }
        let stop = SignalLatch.install([SIGINT, SIGTERM, SIGHUP])
        var reporter = HeadlessReporter(epochs: nil, write: { line in
            print(line)
            fflush(nil)
        })
        var seenAny = false
        print("following \(path) (Ctrl-C to stop; the writer is not affected)")
        fflush(nil)
        while !stop.isSet {
            let events = try follower.poll()
            reporter.consume(events)
            seenAny = seenAny || !events.isEmpty
            for damage in follower.damages.dropFirst(reportedDamages) { Terminal.warn("warning: \(damage)") }
            reportedDamages = follower.damages.count
            if events.contains(where: { $0.tag == Tag.summary }) { return }
            Thread.sleep(forTimeInterval: interval)
        }
        if seenAny { reporter.finish() }
        stop.uninstall()
        if let signal = stop.received { Foundation.exit(128 + signal) }
    }
}
