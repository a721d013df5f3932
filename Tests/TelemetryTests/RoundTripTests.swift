import XCTest
@testable import Telemetry

final class RoundTripTests: XCTestCase {
    func testEveryEventKindRoundTrips() throws {
        let directory = try makeTemporaryDirectory()
        let writer = try RunWriter(directory: directory)
        let first = sampleEvents(step: 1)
        let second = sampleEvents(step: 2, wallTime: 1_700_000_001.5)
        writer.write(first)
        writer.write([Event(step: 2, wallTime: 1_700_000_001, tag: "", value: .sessionStart)])
        writer.write(second)
        try writer.close()

        let contents = try RunReader.read(path: directory)
        XCTAssertEqual(contents.damages, [])
        XCTAssertEqual(contents.files, [writer.path])
        XCTAssertTrue(writer.path.hasPrefix(directory + "/events.out.tfevents."), writer.path)
        let restart = Event(step: 2, wallTime: 1_700_000_001, tag: "", value: .sessionStart)
        XCTAssertEqual(contents.events, first + [restart] + second)
    }

    func testScalarsAreStoredAsFloat32() throws {
        let directory = try makeTemporaryDirectory()
        let writer = try RunWriter(directory: directory)
        let event = Event(step: 7, wallTime: 12.5, tag: Tag.learningRate, value: .scalar(0.1))
        writer.write([event])
        try writer.close()
        let read = try RunReader.read(path: directory).events
        XCTAssertEqual(read, [Event(step: 7, wallTime: 12.5, tag: Tag.learningRate, value: event.value.recorded)])
        XCTAssertNotEqual(read.first?.value, .scalar(0.1))
    }

    func testScalarsOfOneStepShareOneRecord() throws {
        let directory = try makeTemporaryDirectory()
        let writer = try RunWriter(directory: directory)
        writer.write((0..<5).map { Event(step: 9, wallTime: 1, tag: "t\($0)", value: .scalar(Double($0))) })
        try writer.close()
        let bytes = try fileBytes(writer.path)
        var records = 0
        let scanner = RecordScanner(file: writer.path, base: 0, atEndOfFile: true)
        _ = bytes.withUnsafeBytes { scanner.scan($0) { _, _ in records += 1 } }
        XCTAssertEqual(records, 2, "file_version + one record for the five scalars")
    }

    func testResumeWritesANewFileThatPurgesRedoneSteps() throws {
        let directory = try makeTemporaryDirectory()
        let first = try RunWriter(directory: directory)
        first.write((1...10).map { Event(step: $0, wallTime: Double($0), tag: Tag.trainLoss, value: .scalar(Double($0))) })
        try first.close()
        let resumed = try RunWriter(directory: directory, resumeAtStep: 6)
        resumed.write((6...8).map { Event(step: $0, wallTime: Double(100 + $0), tag: Tag.trainLoss, value: .scalar(Double(-$0))) })
        try resumed.close()

        let contents = try RunReader.read(path: directory)
        XCTAssertEqual(contents.files, [first.path, resumed.path])
        let losses = contents.events.filter { $0.tag == Tag.trainLoss }.map { ($0.step, $0.value) }
        XCTAssertEqual(losses.map(\.0), [1, 2, 3, 4, 5, 6, 7, 8])
        XCTAssertEqual(losses.map(\.1), [1, 2, 3, 4, 5, -6, -7, -8].map { Value.scalar(Double($0)) })
        XCTAssertEqual(contents.events.filter { $0.value == .sessionStart }.map(\.step), [6])
    }

    func testStepGoingBackPurgesOnlyThatTag() throws {
        let directory = try makeTemporaryDirectory()
        let writer = try RunWriter(directory: directory)
        let a = (1...5).map { Event(step: $0, wallTime: 0, tag: "a", value: .scalar(Double($0))) }
        let b = (1...5).map { Event(step: $0, wallTime: 1, tag: "b", value: .scalar(Double($0))) }
        let aAgain = (3...4).map { Event(step: $0, wallTime: 2, tag: "a", value: .scalar(Double(10 * $0))) }
        let text = [Event(step: 4, wallTime: 3, tag: "a", value: .scalar(99))]
        writer.write(a + b + aAgain + text)
        try writer.close()
        let events = try RunReader.read(path: directory).events
        XCTAssertEqual(events.filter { $0.tag == "a" }.map(\.value), [1, 2, 30, 40, 99].map { Value.scalar($0) })
        XCTAssertEqual(events.filter { $0.tag == "b" }.count, 5)
    }

    func testSeekIndexFindsFirstEventOfAStep() {
        let events = [1, 1, 2, 5, 3, 7].map { Event(step: $0, wallTime: 0, tag: "x", value: .scalar(0)) }
        let contents = RunContents(events: events, damages: [], files: [])
        XCTAssertEqual(contents.index(ofStep: 0), 0)
        XCTAssertEqual(contents.index(ofStep: 2), 2)
        XCTAssertEqual(contents.index(ofStep: 4), 3)
        XCTAssertEqual(contents.index(ofStep: 6), 5)
        XCTAssertEqual(contents.index(ofStep: 8), 6)
        XCTAssertEqual(contents.lastStep, 7)
    }

    func testMissingPathIsAClearError() {
        XCTAssertThrowsError(try RunReader.read(path: "/nonexistent/run")) { error in
            XCTAssertEqual("\(error)", "/nonexistent/run: no such file or directory")
        }
    }
}
