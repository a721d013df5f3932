import XCTest
@testable import Datasets
import Engine

final class IDXTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws { directory = try TestFiles.scratchDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    /// 5 images of 3×2 pixels, pixel = 10·image + position.
    private func sampleImages() throws -> IDXArray {
        try IDXArray(elementType: .unsignedByte, dimensions: [5, 3, 2], payload: (0..<30).map { UInt8($0 / 6 * 10 + $0 % 6) })
    }

    func testRoundTripPlainAndGzip() throws {
        let images = try sampleImages()
        XCTAssertEqual(images.magic, 2051)
        for compressed in [false, true] {
            let path = directory + "/images" + (compressed ? ".gz" : "")
            try IDX.write(images, to: path, compressed: compressed)
            let raw = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
            XCTAssertEqual(Gzip.isGzip(raw), compressed)
            XCTAssertEqual(try IDX.read(path: path), images)
            let limited = try IDX.read(path: path, limit: 2)
            XCTAssertEqual(limited.dimensions, [2, 3, 2])
            XCTAssertEqual(limited.declaredCount, 5)
            XCTAssertEqual(limited.payload, Array(images.payload.prefix(12)))
            XCTAssertEqual(try IDX.read(path: path, limit: 99).dimensions, [5, 3, 2])
        }
    }

    func testOtherElementTypesDecodeBigEndian() throws {
        let shorts = try IDXArray(elementType: .short, dimensions: [2], payload: [0x01, 0x02, 0xFF, 0xFE])
        XCTAssertEqual(shorts.value(at: 0), 258)
        XCTAssertEqual(shorts.value(at: 1), -2)
        let floats = try IDXArray(elementType: .float, dimensions: [1], payload: [0x3F, 0xC0, 0, 0])
        XCTAssertEqual(floats.value(at: 0), 1.5)
        let path = directory + "/floats"
        try IDX.write(floats, to: path, compressed: false)
        XCTAssertEqual(try IDX.read(path: path), floats)
    }

    func testTruncatedPlainFileNamesTheOffset() throws {
        let bytes = IDX.encode(try sampleImages())  // 16-byte header + 30 bytes
        let cases: [(cut: Int, expected: String)] = [
            (0, "the 4-byte IDX magic number"), (3, "the 4-byte IDX magic number"),
            (6, "dimension 1 of 3 (4 bytes)"), (15, "dimension 3 of 3 (4 bytes)"),
            (16, "record 1 of 5 (6 bytes each, 46 bytes in all)"), (29, "record 3 of 5 (6 bytes each, 46 bytes in all)"),
            (45, "record 5 of 5 (6 bytes each, 46 bytes in all)"),
        ]
        for (cut, expected) in cases {
            let path = try TestFiles.write(Array(bytes.prefix(cut)), named: "cut\(cut)", in: directory)
            let error = expectDatasetError { _ = try IDX.read(path: path) }
            XCTAssertEqual(error, .truncated(file: path, offset: cut, expected: expected), "cut at \(cut)")
        }
        let path = try TestFiles.write(Array(bytes.prefix(29)), named: "cut29", in: directory)
        XCTAssertEqual(try IDX.read(path: path, limit: 2).dimensions, [2, 3, 2], "the records asked for are present")
        XCTAssertEqual(
            expectDatasetError { _ = try IDX.read(path: path) }?.description,
            "\(path): byte 29: file ends early, expected record 3 of 5 (6 bytes each, 46 bytes in all)")
    }

    func testTruncatedGzipFilesAreErrorsNeverCrashes() throws {
        let bytes = IDX.encode(try sampleImages())
        let compressed = Gzip.compress(bytes)
        for cut in [2, 5, 10, 25, compressed.count / 2, compressed.count - 8, compressed.count - 1] {
            let path = try TestFiles.write(Array(compressed.prefix(cut)), named: "cut\(cut).gz", in: directory)
            let error = expectDatasetError { _ = try IDX.read(path: path) }
            switch error {
            case .truncated(let file, _, let expected)?:
                XCTAssertEqual(file, path)
                XCTAssertTrue(expected.contains("decompressed"), "cut \(cut): \(expected)")
            case .gzip(let file, let offset, _)?:
                XCTAssertEqual(file, path)
                XCTAssertLessThanOrEqual(offset, cut)
            default:
                XCTFail("cut \(cut): \(String(describing: error))")
            }
        }
    }

    func testCorruptGzipBodyNamesTheCompressedOffset() throws {
        var compressed = Gzip.compress(IDX.encode(try sampleImages()))
        compressed[compressed.count - 6] ^= 0xFF  // inside the CRC/size trailer
        let path = try TestFiles.write(compressed, named: "corrupt.gz", in: directory)
        guard case .gzip(path, _, _)? = expectDatasetError({ _ = try IDX.read(path: path) }) else {
            return XCTFail("a bad trailer was accepted")
        }
    }

    func testWrongMagicAndBadHeaders() throws {
        let bytes = IDX.encode(try sampleImages())
        var wrong = bytes
        wrong[0] = 0x1E
        let wrongPath = try TestFiles.write(wrong, named: "wrong", in: directory)
        XCTAssertEqual(
            expectDatasetError { _ = try IDX.read(path: wrongPath) }?.description,
            "\(wrongPath): byte 0: expected an IDX magic number 0x0000TTDD (2051 for images, 2049 for labels), found 0x1e000803")
        var badType = bytes
        badType[2] = 0x07
        let typePath = try TestFiles.write(badType, named: "type", in: directory)
        guard case .malformed(_, 2, _, _)? = expectDatasetError({ _ = try IDX.read(path: typePath) }) else {
            return XCTFail("unknown element type accepted")
        }
        var noDims = bytes
        noDims[3] = 0
        let dimsPath = try TestFiles.write(noDims, named: "dims", in: directory)
        guard case .malformed(_, 3, _, _)? = expectDatasetError({ _ = try IDX.read(path: dimsPath) }) else {
            return XCTFail("zero dimensions accepted")
        }
        let extraPath = try TestFiles.write(bytes + [0], named: "extra", in: directory)
        XCTAssertEqual(
            expectDatasetError { _ = try IDX.read(path: extraPath) },
            .malformed(file: extraPath, offset: 46, expected: "the end of the file after 5 records", found: "1 more bytes"))
    }

    func testHugeDeclaredCountDoesNotAllocate() throws {
        // Claims 4 billion images of 65535×65535: must fail on the missing bytes, not allocate.
        let header: [UInt8] = [0, 0, 8, 3, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0xFF, 0xFF, 0, 0, 0xFF, 0xFF, 1, 2, 3]
        for compressed in [false, true] {
            let path = try TestFiles.write(compressed ? Gzip.compress(header) : header, named: "huge\(compressed)", in: directory)
            XCTAssertNotNil(expectDatasetError { _ = try IDX.read(path: path) })
            XCTAssertNotNil(expectDatasetError { _ = try IDX.read(path: path, limit: 1) })
        }
    }
}
