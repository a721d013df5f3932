import XCTest
@testable import Datasets
import Engine

final class MNISTTests: XCTestCase {
    private var mnist: String { TestFiles.sampleData + "/mnist" }

    func testTrainHeaderCountsAndALimitedLoad() throws {
        let header = try IDX.read(path: mnist + "/train-images-idx3-ubyte.gz", limit: 0)
        XCTAssertEqual(header.declaredCount, 60000)
        XCTAssertEqual(header.magic, 2051)
        XCTAssertEqual(try IDX.read(path: mnist + "/train-labels-idx1-ubyte.gz").declaredCount, 60000)
        let train = try MNIST.load(directory: mnist, split: .train, limit: 500)
        XCTAssertEqual(train.count, 500)
        XCTAssertEqual(train.featureShape, [1, 28, 28])
        XCTAssertEqual(train.labels.prefix(5), [5, 0, 4, 1, 9])
        XCTAssertEqual(train.features.storage.min(), 0)
        XCTAssertEqual(train.features.storage.max(), 1)
    }

    func testFullTestSplitMatchesPublishedStatistics() throws {
        let test = try MNIST.load(directory: mnist, split: .test, asImages: false)
        XCTAssertEqual(test.count, 10000)
        XCTAssertEqual(test.featureShape, [784])
        XCTAssertEqual(test.classCounts, [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
        let mean = test.features.storage.reduce(0.0) { $0 + Double($1) } / Double(test.features.count)
        XCTAssertEqual(mean * 255, 33.7912, accuracy: 1e-3)
    }

    func testPlainFilesAndMismatchedCounts() throws {
        let directory = try TestFiles.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let images = try IDXArray(elementType: .unsignedByte, dimensions: [3, 2, 2], payload: [UInt8](repeating: 255, count: 12))
        try IDX.write(images, to: directory + "/train-images-idx3-ubyte", compressed: false)
        try IDX.write(
            try IDXArray(elementType: .unsignedByte, dimensions: [3], payload: [7, 8, 9]),
            to: directory + "/train-labels-idx1-ubyte.gz", compressed: true)
        let loaded = try MNIST.load(directory: directory, split: .train)
        XCTAssertEqual(loaded.features.shape, [3, 1, 2, 2])
        XCTAssertEqual(loaded.labels, [7, 8, 9])
        XCTAssertEqual(loaded.features.storage, [Float](repeating: 1, count: 12))

        try IDX.write(
            try IDXArray(elementType: .unsignedByte, dimensions: [2], payload: [1, 2]),
            to: directory + "/train-labels-idx1-ubyte.gz", compressed: true)
        guard case .malformed(_, 4, _, "2")? = expectDatasetError({ _ = try MNIST.load(directory: directory, split: .train) })
        else { return XCTFail("mismatched counts accepted") }

        try IDX.write(
            try IDXArray(elementType: .unsignedByte, dimensions: [3], payload: [1, 12, 2]),
            to: directory + "/train-labels-idx1-ubyte.gz", compressed: true)
        guard case .malformed(_, 9, "a class label 0…9", "12")? = expectDatasetError({
            _ = try MNIST.load(directory: directory, split: .train)
        }) else { return XCTFail("label 12 accepted") }

        XCTAssertNotNil(expectDatasetError { _ = try MNIST.load(directory: directory, split: .test) })
    }
}
