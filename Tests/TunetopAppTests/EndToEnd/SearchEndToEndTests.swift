import Foundation
import XCTest

/// lr-find and sweep from the real binary: both leave ordinary runs behind.
final class SearchEndToEndTests: XCTestCase {
    private var runs: URL!

    override func setUpWithError() throws {
        runs = try scratchDirectory("search-runs")
    }


    func testLRFindSuggestsASaneRateAndIsRecorded() throws {
        let outcome = try BuiltBinary.run(["lr-find", "--runs", runs.path, "--name", "find"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let line = try XCTUnwrap(outcome.stdout.split(separator: "\n").first { $0.hasPrefix("suggested LR: ") })
        let value = try XCTUnwrap(Double(line.dropFirst("suggested LR: ".count).split(separator: " ")[0]))
        XCTAssertGreaterThan(value, 1e-4, "Adam on digits")
        XCTAssertLessThan(value, 0.1, "Adam on digits")
        let csv = try BuiltBinary.run(["export", runs.appendingPathComponent("find").path])
        XCTAssertGreaterThan(csv.stdout.split(separator: "\n").filter { $0.hasPrefix("lr_find/loss,") }.count, 20)
    }

    func testTwoTrialSweepMakesTwoRunsAndALeaderboardAndResumes() throws {
        let sweep = try BuiltBinary.writeGridSweep(
            runs.appendingPathComponent("two.toml"), #""optimizer.learning_rate" = [0.001, 0.003]"#)
        let first = try BuiltBinary.run(["sweep", sweep.path, "--headless", "--runs", runs.path, "--epochs", "1"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("trial 2/2"), first.stdout)
        let listing = try BuiltBinary.run(["runs", runs.path])
        XCTAssertTrue(listing.stdout.contains("two-t01"), listing.stdout)
        XCTAssertTrue(listing.stdout.contains("two-t02"), listing.stdout)
        let board = try String(contentsOf: runs.appendingPathComponent("two-leaderboard.txt"), encoding: .utf8)
        XCTAssertTrue(board.contains("0.003"), board)

        let again = try BuiltBinary.run(["sweep", sweep.path, "--headless", "--runs", runs.path, "--epochs", "1"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("trial 1: already finished"), again.stdout)
        XCTAssertTrue(again.stdout.contains("trial 2: already finished"), again.stdout)
    }
}
