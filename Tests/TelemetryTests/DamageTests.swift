import XCTest
@testable import Telemetry

/// Every truncation and every flipped byte: exactly the complete, valid records come back, the
/// damage is reported, and never a wrong value.
final class DamageTests: XCTestCase {
    func testTruncationAtEveryOffsetOfOurFile() throws {
        try assertTruncationsRecover(try writtenRunBytes())
    }

    func testFlipOfEveryByteOfOurFile() throws {
        try assertFlipsRecover(try writtenRunBytes())
    }

    func testZeroFilledTailIsNamed() throws {
        var bytes = try writtenRunBytes()
        let intact = records(of: bytes)
        bytes += [UInt8](repeating: 0, count: 4096)
        let (events, damages) = read(bytes)
        XCTAssertEqual(events, expectedEvents(intact))
        XCTAssertEqual(damages.count, 1)
        XCTAssertEqual(damages.first?.offset, intact.last?.end)
        XCTAssertTrue(damages.first?.reason.contains("zero-filled tail") ?? false, "\(damages)")
    }

    func testGarbageBetweenRecordsIsSkipped() throws {
        let bytes = try writtenRunBytes()
        let intact = records(of: bytes)
        let cut = intact[2].end
        let garbage: [UInt8] = (0..<777).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let (events, damages) = read(Array(bytes[..<cut]) + garbage + Array(bytes[cut...]))
        XCTAssertEqual(events, expectedEvents(intact))
        XCTAssertEqual(damages.map(\.offset), [cut])
    }

    /// A record torn by a crash, then a resumed writer appending to the same file: the torn
    /// record's length swallows valid records, which must still come back.
    func testTornRecordFollowedByAppendedRecords() throws {
        let bytes = try writtenRunBytes()
        let intact = records(of: bytes)
        for tornLength in [13, 40, intact[2].end - intact[2].offset - 1] {
            let torn = Array(bytes[..<(intact[2].offset + tornLength)]) + Array(bytes[intact[3].offset...])
            let (events, damages) = read(torn)
            XCTAssertTrue(identical(events, expectedEvents(intact.enumerated().filter { $0.offset != 2 }.map(\.element))), "torn after \(tornLength) bytes")
            XCTAssertEqual(damages.map(\.offset), [intact[2].offset], "torn after \(tornLength) bytes")
        }
    }

    func testHugeLengthIsRejectedWithoutAllocating() {
        var length = UInt64(1 << 40).littleEndian
        var bytes = withUnsafeBytes(of: &length) { Array($0) }
        let crc = bytes.withUnsafeBytes { CRC32C.maskedChecksum($0) }
        TFRecord.appendLittleEndian(crc, to: &bytes)
        bytes += [UInt8](repeating: 0xAB, count: 100)
        let (events, damages) = read(bytes)
        XCTAssertEqual(events, [])
        XCTAssertEqual(damages.count, 1)
        XCTAssertTrue(damages[0].reason.contains("exceeds"), damages[0].description)
    }

    func testDamageNamesFileAndOffset() {
        let damage = Damage(file: "run/events.out.tfevents.1", offset: 120, reason: "bad data checksum")
        XCTAssertEqual(damage.description, "run/events.out.tfevents.1: byte 120: bad data checksum")
    }

    // MARK: - Helpers shared with the fixture tests

    /// A small run of our own: several steps of every kind except restarts.
    private func writtenRunBytes() throws -> [UInt8] {
        let directory = try makeTemporaryDirectory()
        let writer = try RunWriter(directory: directory)
        for step in 1...3 {
            writer.write(sampleEvents(step: step, wallTime: 1000 + Double(step)))
        }
        try writer.close()
        return try fileBytes(writer.path)
    }
}

/// One record of an intact file: where it lies and its data.
struct RecordSlice {
    var offset: Int
    var end: Int
    var data: [UInt8]
}

func records(of bytes: [UInt8]) -> [RecordSlice] {
    var slices: [RecordSlice] = []
    let scanner = RecordScanner(file: "intact", base: 0, atEndOfFile: true)
    let outcome = bytes.withUnsafeBytes { raw in
        scanner.scan(raw) { data, offset in
            slices.append(RecordSlice(offset: offset, end: offset + data.count + TFRecord.overhead, data: Array(data)))
        }
    }
    precondition(outcome.damages.isEmpty, "the intact file must be intact")
    return slices
}

/// The events a sequence of records decodes to, in order, through one decoder (plugin memory
/// carries across records as in a real read).
func expectedEvents(_ records: [RecordSlice]) -> [Event] {
    var decoder = EventDecoder()
    var decoded: [DecodedEvent] = []
    for record in records {
        record.data.withUnsafeBytes { try? decoder.decode($0, into: &decoded) }
    }
    return decoded.map(\.event)
}

/// Reads bytes as one file, without restart purges (the damage tests compare raw records).
func read(_ bytes: [UInt8]) -> (events: [Event], damages: [Damage]) {
    var decoder = EventDecoder()
    var events: [Event] = []
    let damages = RunReader.decodeFile(bytes, name: "test", decoder: &decoder) { events.append($0.event) }
    return (events, damages)
}

func assertTruncationsRecover(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws {
    let intact = records(of: bytes)
    XCTAssertGreaterThan(intact.count, 3, file: file, line: line)
    let boundaries = Set([0] + intact.map(\.end))
    // Records decode in order, so the events of the complete records are a prefix of all events.
    let all = expectedEvents(intact)
    let eventsThrough = (0...intact.count).map { expectedEvents(Array(intact.prefix($0))).count }
    for length in 0...bytes.count {
        let (events, damages) = read(Array(bytes[..<length]))
        let complete = intact.filter { $0.end <= length }.count
        let same = identical(events, Array(all.prefix(eventsThrough[complete])))
        XCTAssertTrue(same, "truncated at \(length): \(events.count) events", file: file, line: line)
        XCTAssertEqual(damages.isEmpty, boundaries.contains(length), "truncated at \(length): \(damages)", file: file, line: line)
        if !same { return }
    }
}

func assertFlipsRecover(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws {
    let intact = records(of: bytes)
    for offset in bytes.indices {
        for pattern: UInt8 in [0xFF, 0x01] {
            var damaged = bytes
            damaged[offset] ^= pattern
            let (events, damages) = read(damaged)
            let survivors = intact.filter { !($0.offset..<$0.end).contains(offset) }
            let same = identical(events, expectedEvents(survivors))
            XCTAssertTrue(same, "byte \(offset) ^ \(pattern): \(events.count) events", file: file, line: line)
            XCTAssertFalse(damages.isEmpty, "byte \(offset) ^ \(pattern) went unreported", file: file, line: line)
            if !same { return }
        }
    }
}

/// Event lists equal bit for bit (`==` would call a NaN loss unequal to itself).
func identical(_ a: [Event], _ b: [Event]) -> Bool {
    guard a.count == b.count else { return false }
    for (x, y) in zip(a, b) {
        guard x.step == y.step, x.wallTime.bitPattern == y.wallTime.bitPattern, x.tag == y.tag else { return false }
        switch (x.value, y.value) {
        case (.scalar(let p), .scalar(let q)): if p.bitPattern != q.bitPattern { return false }
        default: if x.value != y.value { return false }
        }
    }
    return true
}

/// Random damage (seeded, so failures reproduce): garbage files, several mutated bytes, cut
/// and spliced files. The reader never traps or hangs and returns only events the file held.
final class RandomDamageTests: XCTestCase {
    func testRandomMutationsNeverYieldForeignEvents() throws {
        let directory = try makeTemporaryDirectory()
        let writer = try RunWriter(directory: directory)
        for step in 1...4 { writer.write(sampleEvents(step: step, wallTime: Double(step))) }
        try writer.close()
        let bytes = try fileBytes(writer.path)
        let original = expectedEvents(records(of: bytes))
        var random = SplitMix(seed: 42)
        for round in 0..<1500 {
            var damaged = bytes
            switch round % 3 {
            case 0:
                for _ in 0..<(1 + random.next(below: 6)) {
                    damaged[random.next(below: damaged.count)] = UInt8(truncatingIfNeeded: random.next(below: 256))
                }
            case 1:
                let cut = random.next(below: damaged.count)
                let length = random.next(below: min(200, damaged.count - cut))
                damaged.removeSubrange(cut..<(cut + length))
            default:
                let at = random.next(below: damaged.count)
                let from = random.next(below: bytes.count - 50)
                damaged.insert(contentsOf: bytes[from..<(from + random.next(below: 50))], at: at)
            }
            let (events, _) = read(damaged)
            for event in events {
                XCTAssertTrue(original.contains { identical([$0], [event]) }, "round \(round): \(event) was never written")
            }
        }
    }

    func testGarbageFilesOfEverySmallSize() {
        var random = SplitMix(seed: 7)
        for size in 0..<600 {
            let garbage = (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next(below: 256)) }
            let (events, damages) = read(garbage)
            XCTAssertEqual(events, [])
            XCTAssertEqual(damages.isEmpty, size == 0, "size \(size)")
        }
    }
}

/// A tiny seeded generator so random tests reproduce.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return bound > 0 ? Int(z % UInt64(bound)) : 0
    }
}
