import Foundation
import XCTest
@testable import Telemetry

#if canImport(Glibc)
import Glibc
#endif

final class WriterTests: XCTestCase {
    /// Without any flush, queued records reach the file within the writer's interval.
    func testRecordsReachTheFileWithoutAFlush() throws {
        let directory = try makeTemporaryDirectory()
        let writer = try RunWriter(directory: directory)
        let follower = try RunFollower(path: directory)
        writer.write([Event(step: 1, wallTime: 1, tag: "a", value: .scalar(1))])
        let deadline = Date().addingTimeInterval(10)
        var seen: [Event] = []
        while seen.isEmpty, Date() < deadline {
            usleep(50_000)
            seen += try follower.poll()
        }
        XCTAssertEqual(seen.map(\.tag), ["a"])
        try writer.close()
    }

    /// An I/O error surfaces on flush and close, naming the file; writes never throw or block.
    func testWriteErrorsSurfaceOnFlushNamingTheFile() throws {
        let descriptor = open("/dev/full", O_WRONLY | O_CLOEXEC)
        try XCTSkipIf(descriptor < 0, "no /dev/full here")
        let core = WriterCore(path: "/dev/full", descriptor: descriptor)
        Thread { core.run() }.start()
        core.enqueue([1, 2, 3], sync: false, droppedEvents: 0)
        XCTAssertThrowsError(try core.flush(closing: false)) { error in
            guard case .io(let file, let operation, _) = error as? RunFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "/dev/full")
            XCTAssertEqual(operation, "write")
        }
        XCTAssertThrowsError(try core.close())
    }

    func testCloseTwiceAndWriteAfterCloseAreHarmless() throws {
        let directory = try makeTemporaryDirectory()
        let writer = try RunWriter(directory: directory)
        try writer.close()
        try writer.close()
        writer.write([Event(step: 1, wallTime: 1, tag: "late", value: .scalar(1))])
        XCTAssertEqual(writer.droppedEventCount, 1)
        XCTAssertEqual(try RunReader.read(path: directory).events, [])
    }

    func testFileNameAndFirstRecord() throws {
        let directory = try makeTemporaryDirectory()
        let writer = try RunWriter(directory: directory + "/nested/run")
        try writer.close()
        let name = String(writer.path.split(separator: "/").last ?? "")
        let parts = name.split(separator: ".")
        XCTAssertEqual(Array(parts.prefix(3)), ["events", "out", "tfevents"])
        XCTAssertEqual(parts.count, 7, name)
        XCTAssertEqual(parts[3].count, 10)
        XCTAssertEqual(parts[5], "\(getpid())")
        let bytes = try fileBytes(writer.path)
        let first = try XCTUnwrap(records(of: bytes).first)
        XCTAssertTrue(String(decoding: first.data, as: UTF8.self).contains("brain.Event:2"))
    }

    func testResumedFileSortsAfterTheOneItContinues() throws {
        let directory = try makeTemporaryDirectory()
        // A file "from the future" (clock skew): the resume must still be read after it.
        let future = directory + "/events.out.tfevents.9999999990.elsewhere.1.0"
        let earlier = try RunWriter(directory: directory)
        try earlier.close()
        try FileManager.default.moveItem(atPath: earlier.path, toPath: future)
        let resumed = try RunWriter(directory: directory, resumeAtStep: 3)
        try resumed.close()
        XCTAssertEqual(try EventFiles.list(directory: directory), [future, resumed.path])
    }
}
