import Engine
import Foundation
import XCTest
@testable import Training

final class CheckpointFileTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "tunetop-ckpt-\(UUID().uuidString)"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testRoundTripIsBitExactAndAtomic() throws {
        let weights = try Tensor(shape: [2, 3], storage: [1, -2.5, .pi, .leastNonzeroMagnitude, -0.0, 1e30])
        let bias = try Tensor(shape: [3], storage: [0.1, 0.2, 0.3])
        let data = try CheckpointFile.encode(meta: #"{"step":7}"#, tensors: [("dense1.weight", weights), ("dense1.bias", bias)])
        let path = directory + "/sub/last.ckpt"
        try CheckpointFile.writeAtomically(data, to: path)
        try CheckpointFile.writeAtomically(data, to: path)  // overwrite in place
        let contents = try FileManager.default.contentsOfDirectory(atPath: directory + "/sub")
        XCTAssertEqual(contents, ["last.ckpt"], "no temporary files left behind")
        let decoded = try CheckpointFile.decode(try Data(contentsOf: URL(fileURLWithPath: path)), path: path)
        XCTAssertEqual(decoded.meta, #"{"step":7}"#)
        XCTAssertEqual(decoded.tensors.map(\.name), ["dense1.weight", "dense1.bias"])
        XCTAssertEqual(decoded.tensors[0].tensor.shape, [2, 3])
        XCTAssertEqual(decoded.tensors[0].tensor.storage.map(\.bitPattern), weights.storage.map(\.bitPattern))
        XCTAssertEqual(decoded.tensors[1].tensor, bias)
    }

    func testTruncatedOrForeignFilesAreRejectedWithTheReason() throws {
        let data = try CheckpointFile.encode(meta: "{}", tensors: [("w", Tensor(shape: [100], repeating: 1))])
        XCTAssertThrowsError(try CheckpointFile.decode(data.prefix(data.count - 4), path: "x.ckpt")) { error in
            XCTAssertTrue("\(error)".contains("truncated"), "\(error)")
        }
        XCTAssertThrowsError(try CheckpointFile.decode(Data("hello world, not a checkpoint".utf8), path: "x.ckpt")) { error in
            XCTAssertTrue("\(error)".contains("bad magic"), "\(error)")
        }
        var future = data
        future[8] = 9
        XCTAssertThrowsError(try CheckpointFile.decode(future, path: "x.ckpt")) { error in
            XCTAssertTrue("\(error)".contains("version 9"), "\(error)")
        }
    }
}
