import XCTest
@testable import Telemetry

final class TagTests: XCTestCase {
    func testLayerTagsRoundTrip() throws {
        let tag = Tag.layer("block2.conv", .updateRatio)
        XCTAssertEqual(tag, "layers/block2.conv/update_ratio")
        let parsed = try XCTUnwrap(Tag.parseLayer(tag))
        XCTAssertEqual(parsed.layer, "block2.conv")
        XCTAssertEqual(parsed.stat, "update_ratio")
        XCTAssertNil(Tag.parseLayer("train/loss"))
    }

    func testControlRecordUsesContractKeys() {
        let json = RecordJSON.encode(ControlRecord(action: "scale_lr", source: .key, lrBefore: 0.1, lrAfter: 0.05))
        XCTAssertEqual(json, #"{"action":"scale_lr","lr_after":0.05,"lr_before":0.1,"source":"key"}"#)
    }
}
