import Foundation
import XCTest
@testable import Telemetry

#if canImport(Glibc)
import Glibc
#endif

/// A writer process killed with SIGKILL mid-run: everything it flushed before reads back.
/// The child is this very test binary, re-invoked on `testChildWriter` with an environment
/// variable naming the run directory (the test does nothing when the variable is absent).
final class CrashTests: XCTestCase {
    static let childDirectoryVariable = "TUNETOP_CRASH_WRITER_DIR"

    /// In the child: writes steps forever, flushing every 50 steps and saying so on stdout.
    func testChildWriter() throws {
        guard let directory = ProcessInfo.processInfo.environment[Self.childDirectoryVariable] else { return }
        let writer = try RunWriter(directory: directory)
        var step = 0
        while true {
            step += 1
            writer.write(Self.events(at: step))
            if step % 50 == 0 {
                try writer.flush()
                let line = Array("FLUSHED \(step)\n".utf8)
                _ = line.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
                usleep(2000)
            }
        }
    }

    func testKilledWriterKeepsEverythingFlushed() throws {
        let directory = try makeTemporaryDirectory()
        let child = Process()
        child.executableURL = URL(fileURLWithPath: try Self.ownExecutable())
        child.arguments = ["TelemetryTests.CrashTests/testChildWriter"]
        child.environment = ProcessInfo.processInfo.environment.merging([Self.childDirectoryVariable: directory]) { $1 }
        let output = Pipe()
        child.standardOutput = output
        child.standardError = FileHandle.nullDevice
        try child.run()

        let lastFlushed = Self.waitForFlushes(5, from: output.fileHandleForReading.fileDescriptor, timeout: 60)
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        XCTAssertEqual(child.terminationReason, .uncaughtSignal)
        let flushed = try XCTUnwrap(lastFlushed, "the child never reported 5 flushes")
        XCTAssertGreaterThanOrEqual(flushed, 250)

        let contents = try RunReader.read(path: directory)
        let steps = contents.events.map(\.step)
        let lastStep = steps.last ?? 0
        XCTAssertGreaterThanOrEqual(lastStep, flushed, "records flushed before the kill are missing")
        // Every step up to the last one read is there, whole and with its values.
        let expected = (1...max(1, lastStep)).flatMap { Self.events(at: $0).map { Event(step: $0.step, wallTime: $0.wallTime, tag: $0.tag, value: $0.value.recorded) } }
        XCTAssertTrue(identical(contents.events, expected), "read \(contents.events.count) events, expected \(expected.count)")
        // A SIGKILL during a write may tear the last record; nothing else may be damaged.
        XCTAssertLessThanOrEqual(contents.damages.count, 1, "\(contents.damages)")
    }

    static func events(at step: Int) -> [Event] {
        [
            Event(step: step, wallTime: Double(step) / 8, tag: Tag.trainLoss, value: .scalar(1 / Double(step))),
            Event(step: step, wallTime: Double(step) / 8, tag: Tag.learningRate, value: .scalar(0.01)),
        ]
    }

    private static func ownExecutable() throws -> String {
        try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    }

    /// Reads `FLUSHED <step>` lines until `count` were seen; returns the last step, or nil on timeout.
    private static func waitForFlushes(_ count: Int, from descriptor: Int32, timeout: Double) -> Int? {
        let deadline = Date().addingTimeInterval(timeout)
        var text = ""
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let got = read(descriptor, &buffer, buffer.count)
            if got <= 0 { return nil }
            text += String(decoding: buffer[..<got], as: UTF8.self)
            let flushes = text.split(separator: "\n").filter { $0.hasPrefix("FLUSHED ") }
            if flushes.count >= count, let last = flushes.last { return Int(last.dropFirst("FLUSHED ".count)) }
        }
        return nil
    }
}
