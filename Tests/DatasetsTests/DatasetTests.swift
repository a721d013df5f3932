import XCTest
@testable import Datasets
import Engine

final class DatasetTests: XCTestCase {
    func testInitRejectsMismatchedLabels() throws {
        let features = Tensor(shape: [3, 2])
        XCTAssertNotNil(expectDatasetError { _ = try Dataset(name: "d", features: features, labels: [0, 1], classCount: 2) })
        XCTAssertNotNil(expectDatasetError { _ = try Dataset(name: "d", features: features, labels: [0, 1, 2], classCount: 2) })
        XCTAssertNotNil(expectDatasetError {
            _ = try Dataset(name: "d", features: features, labels: [0, 1, 1], classCount: 2, classNames: ["a"])
        })
    }

    func testBatchCopiesRowsInIndexOrder() throws {
        let data = try tinyDataset(labels: [0, 1, 0, 1, 1], classCount: 2)
        let batch = data.batch([4, 0, 4])
        XCTAssertEqual(batch.features.shape, [3, 2])
        XCTAssertEqual(batch.features.storage, [4, 40, 0, 0, 4, 40])
        XCTAssertEqual(batch.labels, [1, 0, 1])
        let slice = data.batch([0, 1, 2, 3][1..<3])
        XCTAssertEqual(slice.features.storage, [1, 10, 2, 20])
    }

    func testBatchKeepsImageShape() throws {
        let images = try Dataset(
            name: "img", features: try Tensor(shape: [2, 1, 2, 2], storage: (0..<8).map(Float.init)), labels: [0, 1],
            classCount: 2)
        let batch = images.batch([1])
        XCTAssertEqual(batch.features.shape, [1, 1, 2, 2])
        XCTAssertEqual(batch.features.storage, [4, 5, 6, 7])
    }

    func testSubsetKeepsMetadata() throws {
        var data = try tinyDataset(labels: [0, 1, 2], classCount: 3)
        data.classNames = ["a", "b", "c"]
        let subset = data.subset([2])
        XCTAssertEqual(subset.count, 1)
        XCTAssertEqual(subset.classCount, 3)
        XCTAssertEqual(subset.classNames, ["a", "b", "c"])
        XCTAssertEqual(subset.features.storage, [2, 20])
    }
}

final class DatasetDescriptionTests: XCTestCase {
    func testDescriptionNamesSizeShapeAndClasses() throws {
        XCTAssertEqual(try tinyDataset(labels: [0, 1, 1], classCount: 2).description, "tiny: 3 × [2], 2 classes")
    }
}
