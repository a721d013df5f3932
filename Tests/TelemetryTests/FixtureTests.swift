import Foundation
import XCTest
@testable import Telemetry

/// Event files written by real tools (`scripts/make-fixtures.sh`): our reader returns what
/// TensorBoard's own EventAccumulator reads from them (the `.expected.json` beside each).
final class FixtureTests: XCTestCase {
    func testTensorBoardXFixtureMatchesEventAccumulator() throws {
        try assertMatchesTensorBoard("tensorboardx")
    }

    func testTF2TensorFixtureMatchesEventAccumulator() throws {
        try assertMatchesTensorBoard("tf2_tensors")
    }

    func testResumedRunIsPurgedLikeTensorBoard() throws {
        try assertMatchesTensorBoard("resumed")
    }

    func testTruncatingTheTensorBoardXFixtureAtEveryOffset() throws {
        try assertTruncationsRecover(try fixtureFileBytes("tensorboardx"))
    }

    func testTruncatingAndFlippingTheTF2Fixture() throws {
        let bytes = try fixtureFileBytes("tf2_tensors")
        try assertTruncationsRecover(bytes)
        try assertFlipsRecover(bytes)
    }

    // MARK: - Helpers

    private func fixturePath(_ name: String) throws -> String {
        let root = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil), "Fixtures missing from the test bundle")
        return root.appendingPathComponent(name).path
    }

    private func fixtureFileBytes(_ name: String) throws -> [UInt8] {
        let files = try EventFiles.list(directory: try fixturePath(name))
        XCTAssertEqual(files.count, 1)
        return try fileBytes(try XCTUnwrap(files.first))
    }

    private func assertMatchesTensorBoard(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = try fixturePath(name)
        let contents = try RunReader.read(path: path)
        XCTAssertEqual(contents.damages, [], file: file, line: line)
        // JSONDecoder, not JSONSerialization: only the former parses doubles exactly on Linux.
        let json = try Data(contentsOf: URL(fileURLWithPath: path + ".expected.json"))
        let expected = try JSONDecoder().decode([ExpectedValue].self, from: json)
        XCTAssertFalse(expected.isEmpty)

        var ours: [String: [Event]] = [:]
        for event in contents.events where event.value != .sessionStart { ours[event.tag, default: []].append(event) }
        var theirs: [String: [ExpectedValue]] = [:]
        for entry in expected { theirs[entry.tag, default: []].append(entry) }
        XCTAssertEqual(Set(ours.keys), Set(theirs.keys), file: file, line: line)
        for (tag, entries) in theirs {
            let events = ours[tag] ?? []
            XCTAssertEqual(events.count, entries.count, "\(tag): count", file: file, line: line)
            for (event, entry) in zip(events, entries) {
                let context = "\(tag) at step \(event.step)"
                XCTAssertEqual(event.step, entry.step, context, file: file, line: line)
                XCTAssertEqual(event.wallTime, entry.wall_time, context, file: file, line: line)
                assertValue(event.value, matches: entry, context, file: file, line: line)
            }
        }
    }

    private func assertValue(_ value: Value, matches entry: ExpectedValue, _ context: String, file: StaticString, line: UInt) {
        switch (entry.kind, value) {
        case ("scalar", .scalar(let scalar)):
            assertSame(scalar, entry.value, context, file: file, line: line)
        case ("text", .text(let text)):
            XCTAssertEqual(text, entry.value?.text, context, file: file, line: line)
        case ("histogram", .histogram(let h)):
            assertSame(h.min, entry.min, context, file: file, line: line)
            assertSame(h.max, entry.max, context, file: file, line: line)
            assertSame(h.count, entry.num, context, file: file, line: line)
            assertSame(h.sum, entry.sum, context, file: file, line: line)
            assertSame(h.sumSquares, entry.sum_squares, context, file: file, line: line)
            XCTAssertEqual(h.bucketLimits, entry.bucket_limit?.map(\.number), context, file: file, line: line)
            XCTAssertEqual(h.bucketCounts, entry.bucket?.map(\.number), context, file: file, line: line)
        case ("histogram_rows", .histogram(let h)):
            let rows = (entry.rows ?? []).map { $0.map(\.number) }
            XCTAssertEqual(h.bucketLimits, rows.map { $0[1] }, context, file: file, line: line)
            XCTAssertEqual(h.bucketCounts, rows.map { $0[2] }, context, file: file, line: line)
            XCTAssertEqual(h.min, rows.first?[0] ?? 0, context, file: file, line: line)
            XCTAssertEqual(h.max, rows.last?[1] ?? 0, context, file: file, line: line)
            XCTAssertEqual(h.count, rows.map { $0[2] }.reduce(0, +), context, file: file, line: line)
        default:
            XCTFail("\(context): we read \(value), TensorBoard read \(entry)", file: file, line: line)
        }
    }

    /// Compared through their shortest text so NaN equals NaN.
    private func assertSame(_ ours: Double, _ theirs: NumberOrText?, _ context: String, file: StaticString, line: UInt) {
        XCTAssertEqual("\(ours)", theirs.map { "\($0.number)" }, context, file: file, line: line)
    }
}

/// One value as `scripts/make_fixtures.py` records what EventAccumulator read.
private struct ExpectedValue: Decodable {
    var tag: String
    var step: Int
    var wall_time: Double
    var kind: String
    var value: NumberOrText?
    var min, max, num, sum, sum_squares: NumberOrText?
    var bucket_limit, bucket: [NumberOrText]?
    var rows: [[NumberOrText]]?
}

/// A JSON number, or a string: text, or `NaN` / `Infinity` / `-Infinity` for numbers JSON lacks.
private enum NumberOrText: Decodable {
    case number(Double)
    case text(String)

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
    }

    var number: Double {
        switch self {
        case .number(let number): return number
        case .text("NaN"): return .nan
        case .text("Infinity"): return .infinity
        case .text("-Infinity"): return -.infinity
        case .text: return .signalingNaN
        }
    }

    var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}
