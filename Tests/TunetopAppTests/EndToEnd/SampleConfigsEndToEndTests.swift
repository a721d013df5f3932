import Foundation
import XCTest

/// Every bundled config trains end to end through the real binary (shortened), leaves a run
/// that `export` reads, and `runs` lists them all.
final class SampleConfigsEndToEndTests: XCTestCase {
    func testEachSampleConfigTrainsExportsAndIsListed() throws {
        let runs = try scratchDirectory("sample-configs")
        let configs = BuiltBinary.repositoryRoot.appendingPathComponent("sample-data/configs")
        // MNIST configs on a 2,000-image slice: the point is that each config runs, not its accuracy
        // (sample-data/configs/README.md has the full runs' numbers).
        let shortened: [(file: String, extra: [String])] = [
            ("digits-mlp.toml", []),
            ("mnist-mlp.toml", ["--set", "data.limit=2000"]),
            ("mnist-cnn.toml", ["--set", "data.limit=2000"]),
            ("breast-cancer.toml", []),
        ]
        for (file, extra) in shortened {
            let name = (file as NSString).deletingPathExtension
            let train = try BuiltBinary.run(
                ["train", configs.appendingPathComponent(file).path, "--headless", "--runs", runs.path, "--name", name,
                 "--epochs", "1"] + extra, timeout: 300)
            XCTAssertEqual(train.status, 0, "\(file): \(train.stderr)")
            XCTAssertTrue(train.stdout.contains("finished: completed"), "\(file): \(train.stdout)")

            let csv = try BuiltBinary.run(["export", runs.appendingPathComponent(name).path])
            XCTAssertEqual(csv.status, 0, "\(file): \(csv.stderr)")
            let rows = csv.stdout.split(separator: "\n")
            XCTAssertEqual(rows.first, "tag,step,wall_time,value")
            XCTAssertTrue(rows.contains { $0.hasPrefix("val/loss,") }, "\(file): no val/loss exported")
            XCTAssertTrue(rows.contains { $0.hasPrefix("train/loss,") }, "\(file): no train/loss exported")
            let saved = try String(contentsOf: runs.appendingPathComponent(name).appendingPathComponent("config.toml"), encoding: .utf8)
            XCTAssertTrue(saved.contains("epochs = 1"), "\(file): the resolved config is saved with the override")
        }
        let listing = try BuiltBinary.run(["runs", runs.path])
        XCTAssertEqual(listing.status, 0, listing.stderr)
        for (file, _) in shortened {
            let name = (file as NSString).deletingPathExtension
            XCTAssertTrue(listing.stdout.split(separator: "\n").contains { $0.hasPrefix(name) && $0.contains("completed") }, listing.stdout)
        }
    }
}
