import XCTest
@testable import Telemetry

/// Encodings other writers use that ours does not: built by hand, field by field.
final class CodecTests: XCTestCase {
    func testUnpackedRepeatedFieldsAndUnknownFieldsEverywhere() {
        let record = event(step: 4) { summary in
            summary.messageField(1) { value in
                value.varintField(77, 1)  // unknown, varint
                value.stringField(ProtoSchema.SummaryValue.tag, "h")
                value.messageField(ProtoSchema.SummaryValue.histo) { h in
                    h.doubleField(1, -1); h.doubleField(2, 3); h.doubleField(3, 4); h.doubleField(4, 2); h.doubleField(5, 9)
                    for limit in [0.0, 1, 3] { h.doubleField(6, limit) }  // unpacked: one key per element
                    h.packedDoubles(7, [1, 2])
                    h.doubleField(7, 1)  // a later unpacked element appends to the packed run
                    h.floatField(99, 1)  // unknown, fixed32
                }
                value.bytesField(78, [1, 2, 3])  // unknown, length-delimited
            }
        } extra: { eventWriter in
            eventWriter.varint(UInt64(96) << 3 | 3)  // unknown group …
            eventWriter.varintField(1, 5)
            eventWriter.varint(UInt64(96) << 3 | 4)  // … closed
        }
        let (events, damages) = read(framed([record]))
        XCTAssertEqual(damages, [])
        XCTAssertEqual(events, [Event(step: 4, wallTime: 10, tag: "h", value: .histogram(Histogram(
            min: -1, max: 3, count: 4, sum: 2, sumSquares: 9, bucketLimits: [0, 1, 3], bucketCounts: [1, 2, 1])))])
    }

    func testHistogramWithUnequalLimitsAndCountsIsSkipped() {
        let record = event(step: 1) { summary in
            summary.messageField(1) { value in
                value.stringField(1, "h")
                value.messageField(ProtoSchema.SummaryValue.histo) { $0.packedDoubles(6, [1, 2]); $0.packedDoubles(7, [5]) }
            }
            summary.messageField(1) { $0.stringField(1, "s"); $0.floatField(2, 1) }
        }
        let (events, damages) = read(framed([record]))
        XCTAssertEqual(damages, [])
        XCTAssertEqual(events.map(\.tag), ["s"])
    }

    func testNegativeStepRoundTrips() throws {
        let directory = try makeTemporaryDirectory()
        let writer = try RunWriter(directory: directory)
        writer.write([Event(step: -3, wallTime: 1, tag: "x", value: .scalar(2)), Event(step: Int(Int64.max), wallTime: 1, tag: "x", value: .scalar(3))])
        try writer.close()
        XCTAssertEqual(try RunReader.read(path: directory).events.map(\.step), [-3, Int(Int64.max)])
    }

    func testScalarTensorsOfEveryDtype() {
        typealias DT = ProtoSchema.DataType
        let cases: [(String, (inout ProtoWriter) -> Void, Double)] = [
            ("int32", { $0.varintField(1, DT.int32); $0.varintField(7, UInt64(bitPattern: -7)) }, -7),
            ("int64", { $0.varintField(1, DT.int64); $0.varintField(10, 1 << 40) }, Double(1 << 40)),
            ("bool", { $0.varintField(1, DT.bool); $0.varintField(11, 1) }, 1),
            ("half_val", { $0.varintField(1, DT.half); $0.varintField(13, 0x3C00) }, 1),
            ("half_content", { $0.varintField(1, DT.half); $0.bytesField(4, [0x00, 0xC2]) }, -3),
            ("bfloat16", { $0.varintField(1, DT.bfloat16); $0.varintField(13, 0x4049) }, Double(Float(bitPattern: 0x4049_0000))),
            ("float_unpacked", { $0.varintField(1, DT.float); $0.floatField(5, 0.25) }, 0.25),
            ("double_packed", { $0.varintField(1, DT.double); $0.packedDoubles(6, [0.1]) }, 0.1),
            ("uint8_content", { $0.varintField(1, DT.uint8); $0.bytesField(4, [200]) }, 200),
        ]
        for (name, tensor, expected) in cases {
            let record = event(step: 1) { summary in
                summary.messageField(1) { value in
                    value.stringField(1, name)
                    value.messageField(ProtoSchema.SummaryValue.tensor, tensor)
                    value.messageField(ProtoSchema.SummaryValue.metadata) { $0.messageField(1) { $0.stringField(1, "scalars") } }
                }
            }
            let (events, damages) = read(framed([record]))
            XCTAssertEqual(damages, [], name)
            XCTAssertEqual(events.map(\.value), [.scalar(expected)], name)
        }
    }

    func testHalfFloatDecoding() {
        XCTAssertEqual(HalfFloat.decode(0x3C00), 1)
        XCTAssertEqual(HalfFloat.decode(0xC000), -2)
        XCTAssertEqual(HalfFloat.decode(0x7BFF), 65504)
        XCTAssertEqual(HalfFloat.decode(0x0001), 0x1p-24)
        XCTAssertEqual(HalfFloat.decode(0x7C00), .infinity)
        XCTAssertTrue(HalfFloat.decode(0x7E00).isNaN)
    }

    func testTensorsWithoutPluginOrOfOtherPlugins() {
        let record = event(step: 2) { summary in
            summary.messageField(1) { value in  // no plugin: a string reads as text
                value.stringField(1, "note")
                value.messageField(8) { $0.varintField(1, ProtoSchema.DataType.string); $0.stringField(8, "hello") }
            }
            summary.messageField(1) { value in  // no plugin: a [k,3] tensor is not assumed to be a histogram
                value.stringField(1, "matrix")
                value.messageField(8) { t in
                    t.varintField(1, ProtoSchema.DataType.double)
                    t.messageField(2) { s in s.messageField(2) { $0.varintField(1, 1) }; s.messageField(2) { $0.varintField(1, 3) } }
                    t.packedDoubles(6, [0, 1, 2])
                }
            }
            summary.messageField(1) { value in  // images plugin: skipped
                value.stringField(1, "picture")
                value.messageField(8) { $0.varintField(1, ProtoSchema.DataType.string); $0.stringField(8, "1"); $0.stringField(8, "1"); $0.bytesField(8, [0x89]) }
                value.messageField(9) { $0.messageField(1) { $0.stringField(1, "images") } }
            }
        }
        let graph = eventRaw { $0.doubleField(1, 10); $0.bytesField(4, [1, 2, 3, 4]) }  // graph_def: nothing to show
        let (events, damages) = read(framed([record, graph]))
        XCTAssertEqual(damages, [])
        XCTAssertEqual(events, [Event(step: 2, wallTime: 10, tag: "note", value: .text("hello"))])
    }

    func testHistogramTensorWithAHostileShapeIsSkippedWithoutAllocating() {
        let record = event(step: 1) { summary in
            summary.messageField(1) { value in
                value.stringField(1, "w")
                value.messageField(8) { t in
                    t.varintField(1, ProtoSchema.DataType.double)
                    t.messageField(2) { s in s.messageField(2) { $0.varintField(1, 1 << 40) }; s.messageField(2) { $0.varintField(1, 3) } }
                    t.doubleField(6, 1)  // TensorFlow would repeat this 3·2^40 times
                }
                value.messageField(9) { $0.messageField(1) { $0.stringField(1, "histograms") } }
            }
        }
        let (events, damages) = read(framed([record]))
        XCTAssertEqual(damages, [])
        XCTAssertEqual(events, [])
    }

    func testMalformedProtobufWithValidChecksumsIsDamageAndYieldsNothing() {
        let good = event(step: 1) { summary in summary.messageField(1) { $0.stringField(1, "a"); $0.floatField(2, 1) } }
        // A value whose length runs past its message, after a first, valid value in the same record.
        var bad = ProtoWriter()
        bad.doubleField(1, 10)
        bad.varintField(2, 2)
        var summary = ProtoWriter()
        summary.messageField(1) { $0.stringField(1, "a"); $0.floatField(2, 2) }
        summary.bytesField(1, [0x0A, 0x7F, 0x61])
        bad.bytesField(5, summary.bytes)
        let later = event(step: 3) { summary in summary.messageField(1) { $0.stringField(1, "a"); $0.floatField(2, 3) } }
        let bytes = framed([good, bad.bytes, later])
        let (events, damages) = read(bytes)
        XCTAssertEqual(events.map(\.value), [.scalar(1), .scalar(3)])
        XCTAssertEqual(damages.count, 1)
        XCTAssertEqual(damages.first?.offset, good.count + TFRecord.overhead)
        XCTAssertTrue(damages.first?.reason.hasPrefix("invalid Event protobuf") ?? false, "\(damages)")
    }

    // MARK: - Building records by hand

    private func eventRaw(_ body: (inout ProtoWriter) -> Void) -> [UInt8] {
        var writer = ProtoWriter()
        body(&writer)
        return writer.bytes
    }

    private func event(step: Int, summary: (inout ProtoWriter) -> Void, extra: (inout ProtoWriter) -> Void = { _ in }) -> [UInt8] {
        eventRaw { writer in
            writer.doubleField(1, 10)
            writer.int64Field(2, step)
            extra(&writer)
            writer.messageField(5, summary)
        }
    }

    private func framed(_ records: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = []
        for record in records { TFRecord.append(record, to: &bytes) }
        return bytes
    }
}
