import Foundation
import XCTest

/// Without a terminal: progress lines, one per epoch plus a throttled line, for training,
/// replay and follow alike.
final class HeadlessEndToEndTests: XCTestCase {
    private var runs: URL!

    override func setUpWithError() throws {
        runs = try scratchDirectory("headless-runs")
    }


    func testReplayPrintsALinePerEpochNotPerStep() throws {
        let train = try BuiltBinary.run(["train", "--headless", "--runs", runs.path, "--name", "r", "--epochs", "4"])
        XCTAssertEqual(train.status, 0, train.stderr)
        let replay = try BuiltBinary.run(["replay", "--headless", runs.appendingPathComponent("r").path])
        XCTAssertEqual(replay.status, 0, replay.stderr)
        let lines = replay.stdout.split(separator: "\n")
        XCTAssertEqual(lines.filter { $0.contains(" done ") }.count, 4, replay.stdout)
        XCTAssertLessThanOrEqual(lines.count, 4 + 3, "a line per epoch and the summary, not one per step:\n\(replay.stdout)")
        XCTAssertTrue(lines.last?.hasPrefix("finished: completed at step 180") ?? false, replay.stdout)
    }

    func testFollowSeesAnotherProcessTrainAndEndsWithIt() throws {
        let run = runs.appendingPathComponent("live")
        let trainer = Process()
        trainer.executableURL = BuiltBinary.url
        trainer.arguments = ["train", "--headless", "--runs", runs.path, "--name", "live", "--epochs", "400",
                             "--set", "early_stopping.enabled=false", "--set", "probe_every=5"]
        trainer.currentDirectoryURL = BuiltBinary.repositoryRoot
        var environment = ProcessInfo.processInfo.environment
        environment["TUNETOP_SAMPLE_DATA"] = BuiltBinary.repositoryRoot.appendingPathComponent("sample-data").path
        trainer.environment = environment
        trainer.standardOutput = FileHandle.nullDevice
        trainer.standardError = FileHandle.nullDevice
        try trainer.run()
        defer { if trainer.isRunning { trainer.terminate() } }

        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !((try? FileManager.default.contentsOfDirectory(atPath: run.path)) ?? []).contains(where: { $0.contains("tfevents") }) {
            usleep(20_000)
        }
        XCTAssertTrue(trainer.isRunning, "the follower must start while the trainer is still writing")
        let follow = try BuiltBinary.run(["follow", "--headless", "--interval", "0.05", run.path])
        trainer.waitUntilExit()
        XCTAssertEqual(follow.status, 0, follow.stderr)
        XCTAssertEqual(trainer.terminationStatus, 0)
        let lines = follow.stdout.split(separator: "\n")
        XCTAssertTrue(lines.first?.hasPrefix("following ") ?? false, follow.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("epoch 400 done") }, follow.stdout)
        XCTAssertTrue(lines.last?.hasPrefix("finished: completed at step 18000") ?? false, follow.stdout)
    }
}
