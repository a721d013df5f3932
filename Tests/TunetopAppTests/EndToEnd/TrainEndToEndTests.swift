import Foundation
import XCTest

/// The real binary, headless: a run is recorded, exported, listed and replayed.
final class TrainEndToEndTests: XCTestCase {
    private var runs: URL!

    override func setUpWithError() throws {
        runs = try scratchDirectory("runs")
    }


    func testDefaultRunIsRecordedExportedListedAndReplayed() throws {
        let train = try BuiltBinary.run(["train", "--headless", "--runs", runs.path, "--name", "digits", "--epochs", "3"])
        XCTAssertEqual(train.status, 0, train.stderr)
        XCTAssertTrue(train.stdout.contains("epoch 1/3 done"), train.stdout)
        XCTAssertTrue(train.stdout.contains("finished: completed"), train.stdout)

        let directory = runs.appendingPathComponent("digits")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        XCTAssertTrue(files.contains { $0.hasPrefix("events.out.tfevents.") }, "\(files)")
        XCTAssertTrue(files.contains("config.toml"), "\(files)")
        XCTAssertTrue(files.contains("checkpoints"), "\(files)")

        let csv = try BuiltBinary.run(["export", directory.path, "--format", "csv"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let lines = csv.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "tag,step,wall_time,value")
        let valAccuracies = lines.filter { $0.hasPrefix("val/accuracy,") }.compactMap { Double($0.split(separator: ",")[3]) }
        XCTAssertEqual(valAccuracies.count, 3, "one evaluation per epoch")
        XCTAssertGreaterThan(valAccuracies.last ?? 0, 0.9, "the default MLP learns digits in 3 epochs")
        XCTAssertTrue(lines.contains { $0.hasPrefix("train/loss,") })
        XCTAssertTrue(lines.contains { $0.hasPrefix("lr,") })

        let jsonl = try BuiltBinary.run(["export", directory.path, "--format", "jsonl"])
        XCTAssertEqual(jsonl.status, 0, jsonl.stderr)
        XCTAssertTrue(jsonl.stdout.contains("run/summary"))
        XCTAssertTrue(jsonl.stdout.contains("run/config"))
        XCTAssertTrue(jsonl.stdout.contains("/activations"), "probes record activation histograms")

        let listing = try BuiltBinary.run(["runs", runs.path])
        XCTAssertEqual(listing.status, 0, listing.stderr)
        let row = listing.stdout.split(separator: "\n").first { $0.hasPrefix("digits ") }
        XCTAssertNotNil(row, listing.stdout)
        XCTAssertTrue(row?.contains("completed") ?? false, listing.stdout)

        let replay = try BuiltBinary.run(["replay", directory.path])
        XCTAssertEqual(replay.status, 0, replay.stderr)
        XCTAssertTrue(replay.stdout.contains("finished: completed"), replay.stdout)
    }

    func testSameSeedGivesTheSameLossCurve() throws {
        for name in ["a", "b"] {
            let train = try BuiltBinary.run(
                ["train", "--headless", "--runs", runs.path, "--name", name, "--epochs", "1", "--seed", "7"])
            XCTAssertEqual(train.status, 0, train.stderr)
        }
        func losses(_ name: String) throws -> [String] {
            let csv = try BuiltBinary.run(["export", runs.appendingPathComponent(name).path])
            return csv.stdout.split(separator: "\n").filter { $0.hasPrefix("train/loss,") }.map {
                let fields = $0.split(separator: ",")
                return "\(fields[1]),\(fields[3])"
            }
        }
        let first = try losses("a")
        XCTAssertFalse(first.isEmpty)
        XCTAssertEqual(first, try losses("b"))
    }
}
