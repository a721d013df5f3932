import Foundation
import XCTest

/// Exit statuses and error lines of the command-line contract, from the real binary.
final class ExitStatusEndToEndTests: XCTestCase {
    func testUnknownFlagIsUsageErrorTwo() throws {
        let outcome = try BuiltBinary.run(["train", "--no-such-flag"])
        XCTAssertEqual(outcome.status, 2, outcome.stderr)
    }

    func testMissingConfigIsOneLineNamingTheFile() throws {
        let outcome = try BuiltBinary.run(["train", "--headless", "no/such/config.toml"])
        XCTAssertEqual(outcome.status, 1)
        let lines = outcome.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("no/such/config.toml"), outcome.stderr)
    }

    func testExportOfMissingRunIsOneLine() throws {
        let outcome = try BuiltBinary.run(["export", "no-such-run"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertEqual(outcome.stderr, "tunetop: no-such-run: no such run directory or tfevents file\n")
    }

    func testCorruptEventFileIsReportedNotTrapped() throws {
        let directory = try BuiltBinary.temporaryDirectory("garbage")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("events.out.tfevents.1.host")
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: file)
        let outcome = try BuiltBinary.run(["export", directory.path])
        XCTAssertEqual(outcome.status, 0, "damage is reported, the valid (here: no) records exported")
        XCTAssertTrue(outcome.stderr.contains("events.out.tfevents.1.host"), outcome.stderr)
        XCTAssertEqual(outcome.stdout, "tag,step,wall_time,value\n")
    }
}
