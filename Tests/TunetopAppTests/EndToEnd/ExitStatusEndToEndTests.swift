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

    func testAllGarbageEventFileIsAnErrorNamingTheFile() throws {
        let directory = try scratchDirectory("garbage")
        let file = directory.appendingPathComponent("events.out.tfevents.1.host")
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: file)
        let outcome = try BuiltBinary.run(["export", directory.path])
        XCTAssertEqual(outcome.status, 1, "not one valid record: nothing to export is a failure")
        XCTAssertTrue(outcome.stderr.contains("events.out.tfevents.1.host: byte 0"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("no valid event record"), outcome.stderr)
        XCTAssertEqual(outcome.stdout, "")
    }

    func testDamagedTailIsReportedAndTheValidRecordsStillExported() throws {
        let runs = try scratchDirectory("damaged-tail")
        let train = try BuiltBinary.run(["train", "--headless", "--runs", runs.path, "--name", "r", "--epochs", "1"])
        XCTAssertEqual(train.status, 0, train.stderr)
        let run = runs.appendingPathComponent("r")
        let eventFile = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: run.path).first { $0.contains("tfevents") })
        let clean = try BuiltBinary.run(["export", run.path])
        let handle = try FileHandle(forWritingTo: run.appendingPathComponent(eventFile))
        handle.seekToEndOfFile()
        handle.write(Data(repeating: 0xAB, count: 100))
        try handle.close()

        let damaged = try BuiltBinary.run(["export", run.path])
        XCTAssertEqual(damaged.status, 0, damaged.stderr)
        XCTAssertEqual(damaged.stdout, clean.stdout, "every valid record, nothing else")
        XCTAssertEqual(damaged.stderr.split(separator: "\n").count, 1, damaged.stderr)
        XCTAssertTrue(damaged.stderr.contains("warning: \(run.appendingPathComponent(eventFile).path): byte "), damaged.stderr)
    }

    func testDirectoryWithoutEventFilesNamesItOnce() throws {
        let directory = try scratchDirectory("empty-run")
        for command in ["export", "replay"] {
            let outcome = try BuiltBinary.run([command, directory.path])
            XCTAssertEqual(outcome.status, 1, command)
            XCTAssertEqual(outcome.stderr, "tunetop: \(directory.path): no TensorBoard event files (*tfevents*) in this directory\n")
        }
    }
}
