import XCTest
@testable import Telemetry

final class FollowerTests: XCTestCase {
    func testFollowsAGrowingFileRecordByRecord() throws {
        let directory = try makeTemporaryDirectory()
        let writer = try RunWriter(directory: directory)
        writer.write(sampleEvents(step: 1))
        try writer.close()
        let full = try fileBytes(writer.path)
        let intact = records(of: full)
        let path = directory + "/events.out.tfevents.copy"
        try writeBytes([], to: path)
        let follower = try RunFollower(path: path)
        XCTAssertEqual(try follower.poll(), [])
        var seen: [Event] = []
        // Grow the file a few bytes at a time: each poll returns only complete records.
        var written = 0
        while written < full.count {
            written = min(full.count, written + 13)
            try writeBytes(Array(full[..<written]), to: path)
            seen += try follower.poll()
            XCTAssertEqual(seen, expectedEvents(intact.filter { $0.end <= written }), "at \(written) bytes")
        }
        XCTAssertEqual(follower.damages, [])
        XCTAssertEqual(seen, sampleEvents(step: 1))
    }

    func testPicksUpNewFilesInADirectory() throws {
        let directory = try makeTemporaryDirectory()
        let follower = try RunFollower(path: directory)
        XCTAssertEqual(try follower.poll(), [])
        let first = try RunWriter(directory: directory)
        first.write([Event(step: 1, wallTime: 1, tag: "a", value: .scalar(1))])
        try first.flush()
        XCTAssertEqual(try follower.poll().map(\.tag), ["a"])
        let second = try RunWriter(directory: directory, resumeAtStep: 1)
        second.write([Event(step: 1, wallTime: 2, tag: "b", value: .scalar(2))])
        try second.close()
        try first.close()
        XCTAssertEqual(try follower.poll().map(\.value), [.sessionStart, .scalar(2)])
        XCTAssertEqual(try follower.poll(), [])
    }

    func testNonexistentPathIsAClearError() {
        XCTAssertThrowsError(try RunFollower(path: "/no/such/run")) { error in
            XCTAssertEqual(error as? RunFileError, .notFound(path: "/no/such/run"))
        }
    }
}

final class ExporterTests: XCTestCase {
    func testCSVHasScalarsOnly() throws {
        let directory = try makeTemporaryDirectory()
        let writer = try RunWriter(directory: directory)
        writer.write(sampleEvents(step: 4, wallTime: 1234.5))
        writer.write([Event(step: 5, wallTime: 1235, tag: "odd,tag", value: .scalar(.nan))])
        try writer.close()
        var csv = ""
        try Exporter.export(path: directory, format: .csv, to: &csv)
        XCTAssertEqual(csv, "tag,step,wall_time,value\ntrain/loss,4,1234.5,0.5\nlr,4,1234.5,0.125\n\"odd,tag\",5,1235.0,nan\n")
    }

    func testJSONLinesCarryHistogramsAndText() throws {
        let events = [
            Event(step: 1, wallTime: 2, tag: "loss", value: .scalar(.infinity)),
            Event(step: 1, wallTime: 2, tag: "h", value: .histogram(Histogram(min: 0, max: 1, count: 2, sum: 1, sumSquares: 1, bucketLimits: [1], bucketCounts: [2]))),
            Event(step: 1, wallTime: 2, tag: Tag.advice, value: .text("say \"hi\"\n")),
            Event(step: 1, wallTime: 2, tag: "", value: .sessionStart),
        ]
        var jsonl = ""
        Exporter.write(events, format: .jsonl, to: &jsonl)
        XCTAssertEqual(jsonl, """
            {"tag":"loss","step":1,"wall_time":2.0,"kind":"scalar","value":"Infinity"}
            {"tag":"h","step":1,"wall_time":2.0,"kind":"histogram","min":0.0,"max":1.0,"count":2.0,"sum":1.0,"sum_squares":1.0,"bucket_limits":[1.0],"bucket_counts":[2.0]}
            {"tag":"events/advice","step":1,"wall_time":2.0,"kind":"text","value":"say \\"hi\\"\\n"}

            """)
        for line in jsonl.split(separator: "\n") {
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line.utf8)))
        }
    }
}

final class FollowerDamageTests: XCTestCase {
    /// A writer that tore a record and went on appending: the torn record is reported and skipped
    /// once a valid record follows it; until then it is a record still being written.
    func testTornRecordIsSkippedOnceAValidRecordFollows() throws {
        let directory = try makeTemporaryDirectory()
        let writer = try RunWriter(directory: directory)
        writer.write(sampleEvents(step: 1))
        try writer.close()
        let full = try fileBytes(writer.path)
        let intact = records(of: full)
        let path = directory + "/events.out.tfevents.torn"
        let tornAt = intact[2].offset
        let torn = Array(full[..<(tornAt + 20)])
        try writeBytes(torn, to: path)
        let follower = try RunFollower(path: path)
        XCTAssertEqual(try follower.poll(), expectedEvents(Array(intact[..<2])))
        XCTAssertEqual(follower.damages, [], "a partial record at the end is not damage while following")
        try writeBytes(torn + Array(full[intact[3].offset...]), to: path)
        XCTAssertEqual(try follower.poll(), expectedEvents(Array(intact[3...])))
        XCTAssertEqual(follower.damages.map(\.offset), [tornAt])
    }

    func testAFileThatShrinksIsReadAgainAndReported() throws {
        let directory = try makeTemporaryDirectory()
        let writer = try RunWriter(directory: directory)
        writer.write([Event(step: 1, wallTime: 1, tag: "a", value: .scalar(1))])
        try writer.close()
        let follower = try RunFollower(path: writer.path)
        XCTAssertEqual(try follower.poll().count, 1)
        let replacement = try RunWriter(directory: try makeTemporaryDirectory())
        try replacement.close()
        try FileManager.default.removeItem(atPath: writer.path)
        try FileManager.default.copyItem(atPath: replacement.path, toPath: writer.path)
        XCTAssertEqual(try follower.poll(), [])
        XCTAssertEqual(follower.damages.count, 1)
        XCTAssertTrue(follower.damages.first?.reason.contains("shrank") ?? false)
    }

    func testFollowedFileThatDisappearsIsAnError() throws {
        let directory = try makeTemporaryDirectory()
        let writer = try RunWriter(directory: directory)
        try writer.close()
        let follower = try RunFollower(path: writer.path)
        _ = try follower.poll()
        try FileManager.default.removeItem(atPath: writer.path)
        XCTAssertThrowsError(try follower.poll())
    }
}
