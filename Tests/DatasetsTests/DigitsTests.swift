import XCTest
@testable import Datasets
import Engine

final class DigitsTests: XCTestCase {
    func testLoadsTheBundledDigitsAsRows() throws {
        let digits = try Digits.load(path: TestFiles.sampleData + "/digits/digits.csv")
        XCTAssertEqual(digits.count, 1797)
        XCTAssertEqual(digits.featureShape, [64])
        XCTAssertEqual(digits.classCount, 10)
        XCTAssertEqual(digits.classCounts, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        let mean = digits.features.storage.reduce(0.0) { $0 + Double($1) } / Double(digits.features.count)
        XCTAssertEqual(mean, 4.8842, accuracy: 1e-4)
        XCTAssertEqual(digits.features.storage.max(), 16)
        // First row of the file: 0,0,5,13,9,1,0,0 … label 0.
        XCTAssertEqual(Array(digits.features.storage[0..<8]), [0, 0, 5, 13, 9, 1, 0, 0])
        XCTAssertEqual(digits.labels[0], 0)
    }

    func testLoadsTheBundledDigitsAsImages() throws {
        let rows = try Digits.load(path: TestFiles.sampleData + "/digits/digits.csv")
        let images = try Digits.load(path: TestFiles.sampleData + "/digits/digits.csv", asImages: true)
        XCTAssertEqual(images.features.shape, [1797, 1, 8, 8])
        XCTAssertEqual(images.featureShape, [1, 8, 8])
        XCTAssertEqual(images.features.storage, rows.features.storage)
    }

    func testRejectsATableThatIsNotDigits() throws {
        let directory = try TestFiles.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try TestFiles.write("a,b,label\n1,2,3\n", named: "small.csv", in: directory)
        let error = expectDatasetError { _ = try Digits.load(path: path) }
        XCTAssertTrue(error?.description.contains("64 pixel columns") ?? false, "\(String(describing: error))")
    }
}
