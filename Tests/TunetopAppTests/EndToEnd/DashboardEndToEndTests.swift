import Foundation
import XCTest

/// The dashboard in a real terminal (tmux): keys steer the live run and the run file
/// records what the screen showed; a replay shows the same LR change.
final class DashboardEndToEndTests: XCTestCase {
    private var runs: URL!

    override func setUpWithError() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
        runs = try scratchDirectory("tmux-runs")
    }


    func testHalveLearningRateThenStopEarlyAndReplay() throws {
        let session = try TmuxSession.tunetop(
            ["train", "--runs", runs.path, "--name", "live", "--epochs", "20000", "--set", "early_stopping.enabled=false"])
        try session.waitFor("the live dashboard with the run's name") { $0.contains("live") && $0.contains("p pause") }
        try session.waitFor("a few steps") { screen in screen.contains("step") }

        try session.send("h")
        try session.waitFor("the halved LR in the event log") { $0.contains("lr 500µ") }

        try session.resize(width: 80, height: 24)
        try session.waitFor("the redraw at 80×24") { $0.split(separator: "\n").count <= 24 && $0.contains("LR") }
        try session.resize(width: 50, height: 12)
        try session.waitFor("the too-small message") { $0.lowercased().contains("small") || $0.contains("80") }
        try session.resize(width: 120, height: 40)
        try session.waitFor("the full dashboard again") { $0.contains("p pause") && $0.contains("t theme") }

        try session.send("s")
        try session.waitFor("the stop confirmation") { $0.contains("y") && $0.lowercased().contains("stop") }
        try session.send("y")
        let final = try session.waitFor("the process to exit", timeout: 120) { $0.contains("[exit ") }
        XCTAssertTrue(final.contains("[exit 0]"), final)
        XCTAssertTrue(final.contains("user_stop"), final)

        let jsonl = try BuiltBinary.run(["export", runs.appendingPathComponent("live").path, "--format", "jsonl"])
        XCTAssertEqual(jsonl.status, 0, jsonl.stderr)
        let lines = jsonl.stdout.split(separator: "\n").map(String.init)
        let control = lines.filter { $0.contains("events/control") }
        XCTAssertTrue(control.contains { $0.contains("scale_lr") && $0.contains("lr_before") }, "\(control)")
        XCTAssertTrue(control.contains { $0.contains("\\\"stop\\\"") || $0.contains("\"stop\"") }, "\(control)")
        XCTAssertTrue(lines.contains { $0.contains("run/summary") && $0.contains("user_stop") })
        let csv = try BuiltBinary.run(["export", runs.appendingPathComponent("live").path])
        let learningRates = csv.stdout.split(separator: "\n").filter { $0.hasPrefix("lr,") }
            .compactMap { Double($0.split(separator: ",")[3]) }
        XCTAssertEqual(learningRates.first ?? 0, 0.001, accuracy: 1e-9)
        XCTAssertEqual(learningRates.last ?? 0, 0.0005, accuracy: 1e-9, "the recorded LR is halved")

        // Slow enough that only End can bring the LR change on screen within the test.
        let replay = try TmuxSession.tunetop(["replay", runs.appendingPathComponent("live").path, "--speed", "0.0001"])
        let start = try replay.waitFor("the replay") { $0.lowercased().contains("replay") }
        XCTAssertFalse(start.contains("500µ"), "the halving is not on screen before End:\n\(start)")
        try replay.send("End")
        try replay.waitFor("the recorded LR change in the replay's log") { $0.contains("500µ") }
        try replay.send("q")
        try replay.waitFor("the replay to exit") { $0.contains("[exit 0]") }
    }

    func testSweepTrialsAdvanceOnTheirOwnOnStopAndEndOnQuit() throws {
        let sweep = try BuiltBinary.writeGridSweep(runs.appendingPathComponent("four.toml"), "epochs = [1, 20000, 20000, 20000]")
        let session = try TmuxSession.tunetop(
            ["sweep", sweep.path, "--runs", runs.path, "--set", "early_stopping.enabled=false"], width: 140, height: 45)
        try session.waitFor("trial 2 after trial 1 ended by itself, with the leader in the header") {
            $0.contains("four-t02 · trial 2/4 · leader t01 val loss") && $0.contains("LR/2")
        }
        try session.waitFor("the standings in the event log") { $0.contains("sweep four: trial 2/4") && $0.contains("#1 t01") }
        try session.send("s")
        try session.waitFor("the stop confirmation") { $0.lowercased().contains("stop") && $0.contains("y") }
        try session.send("y")
        try session.waitFor("trial 3 after trial 2 was stopped") { $0.contains("four-t03 · trial 3/4") }
        try session.send("q")
        try session.waitFor("the quit question") { $0.contains("stop training and quit") }
        try session.send("s")
        let final = try session.waitFor("the sweep to end", timeout: 120) { $0.contains("[exit ") }
        XCTAssertTrue(final.contains("sweep stopped by the user after trial 3 of 4"), final)
        XCTAssertTrue(final.contains("[exit 0]"), final)
        let listing = try BuiltBinary.run(["runs", runs.path])
        for (name, reason) in [("four-t01", "completed"), ("four-t02", "user_stop"), ("four-t03", "user_stop")] {
            XCTAssertTrue(listing.stdout.split(separator: "\n").contains { $0.contains(name) && $0.contains(reason) }, listing.stdout)
        }
        XCTAssertFalse(listing.stdout.contains("four-t04"), listing.stdout)
    }

    func testKeepingAPausedRunHeadlessResumesItAndCtrlCEndsIt() throws {
        let session = try TmuxSession.tunetop(
            ["train", "--runs", runs.path, "--name", "handover", "--epochs", "20000", "--set", "early_stopping.enabled=false"])
        try session.waitFor("the live dashboard") { $0.contains("handover") && $0.contains("p pause") }
        try session.send("p")
        try session.waitFor("the paused state") { $0.contains("paused") }
        try session.send("q")
        try session.waitFor("the quit question") { $0.contains("keep training headless") }
        try session.send("k")
        let lines = try session.waitFor("progress lines after the handover") { screen in
            // Lines scroll fast (an epoch is a few ms), so the handover line may be gone already.
            screen.split(separator: "\n").contains { $0.hasPrefix("epoch ") && $0.contains("/20000 done") && $0.contains("/900000") }
        }
        XCTAssertFalse(lines.contains("epoch 0/"), "the reporter knows the epoch it took over at:\n\(lines)")
        try session.send("C-c")
        let final = try session.waitFor("the interrupted run to exit") { $0.contains("[exit ") }
        XCTAssertTrue(final.contains("[exit 130]"), final)
        let summary = try BuiltBinary.run(["export", runs.appendingPathComponent("handover").path, "--format", "jsonl"])
        XCTAssertTrue(summary.stdout.contains("interrupted"), "the run file is closed with its summary")
    }
}

