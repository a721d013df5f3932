import XCTest
@testable import Datasets
import Engine

/// Every single-byte corruption and every truncation of small IDX files, plain and gzip:
/// the reader returns an array or throws a `DatasetError`; it never traps or hangs.
final class IDXCorruptionTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws { directory = try TestFiles.scratchDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    private func check(_ bytes: [UInt8], label: String) throws {
        let path = try TestFiles.write(bytes, named: "case", in: directory)
        for limit in [nil, 2] as [Int?] {
            do {
                let array = try IDX.read(path: path, limit: limit)
                XCTAssertEqual(array.payload.count, array.elementCount * array.elementType.size, label)
            } catch let error as DatasetError {
                XCTAssertTrue(error.description.hasPrefix(path), "\(label): \(error)")
            } catch {
                XCTFail("\(label): not a DatasetError: \(error)")
            }
        }
    }

    func testEveryByteFlipAndTruncation() throws {
        let images = try IDXArray(elementType: .unsignedByte, dimensions: [5, 3, 2], payload: (0..<30).map { UInt8($0 * 7) })
        let labels = try IDXArray(elementType: .unsignedByte, dimensions: [5], payload: [1, 2, 3, 4, 5])
        for array in [images, labels] {
            for bytes in [IDX.encode(array), Gzip.compress(IDX.encode(array))] {
                for position in bytes.indices {
                    var flipped = bytes
                    flipped[position] ^= 0xA5
                    try check(flipped, label: "flip at \(position)")
                }
                for length in 0..<bytes.count { try check(Array(bytes.prefix(length)), label: "cut at \(length)") }
            }
        }
    }
}
