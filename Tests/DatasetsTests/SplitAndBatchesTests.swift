import XCTest
@testable import Datasets
import Engine

final class SplitAndBatchesTests: XCTestCase {
    func testStratifiedSplitKeepsClassProportions() throws {
        // 60 / 30 / 10 examples of three classes, interleaved.
        let labels = (0..<100).map { $0 % 10 < 6 ? 0 : ($0 % 10 < 9 ? 1 : 2) }
        let data = try tinyDataset(labels: labels, classCount: 3)
        let (train, validation) = try data.stratifiedSplit(validationFraction: 0.2, seed: 7)
        XCTAssertEqual(validation.classCounts, [12, 6, 2])
        XCTAssertEqual(train.classCounts, [48, 24, 8])
        // Disjoint and complete: feature 0 is the original index.
        let seen = (train.features.storage + validation.features.storage).enumerated()
            .filter { $0.offset % 2 == 0 }.map { Int($0.element) }
        XCTAssertEqual(seen.sorted(), Array(0..<100))
        // Same seed, same split; another seed, another split.
        let again = try data.stratifiedSplit(validationFraction: 0.2, seed: 7)
        XCTAssertEqual(again.validation.features, validation.features)
        let other = try data.stratifiedSplit(validationFraction: 0.2, seed: 8)
        XCTAssertNotEqual(other.validation.features, validation.features)
    }

    func testStratifiedSplitOfDigits() throws {
        let digits = try Digits.load(path: TestFiles.sampleData + "/digits/digits.csv")
        let (train, validation) = try digits.stratifiedSplit(validationFraction: 0.25, seed: 1)
        XCTAssertEqual(train.count + validation.count, 1797)
        for (all, part) in zip(digits.classCounts, validation.classCounts) {
            XCTAssertEqual(Double(part), Double(all) * 0.25, accuracy: 0.5)
        }
    }

    func testStratifiedSplitRejectsBadFraction() throws {
        let data = try tinyDataset(labels: [0, 1], classCount: 2)
        XCTAssertNotNil(expectDatasetError { _ = try data.stratifiedSplit(validationFraction: 1, seed: 0) })
        XCTAssertNotNil(expectDatasetError { _ = try data.stratifiedSplit(validationFraction: -0.1, seed: 0) })
    }

    func testMiniBatchesCoverEveryIndexOncePerEpoch() throws {
        let order = EpochOrder(count: 103, seed: 42)
        var epochs: [[Int]] = []
        for epoch in 0..<3 {
            let batches = try order.batches(epoch: epoch, batchSize: 10)
            XCTAssertEqual(batches.count, 11)
            XCTAssertEqual(batches.last?.count, 3)
            let flat = batches.flatMap { $0 }
            XCTAssertEqual(flat.sorted(), Array(0..<103))
            epochs.append(flat)
        }
        XCTAssertNotEqual(epochs[0], epochs[1])
        XCTAssertNotEqual(epochs[0], Array(0..<103))
        XCTAssertEqual(try EpochOrder(count: 103, seed: 42).batches(epoch: 1, batchSize: 10).flatMap { $0 }, epochs[1])
    }

    func testDropLastAndUnshuffledOrder() throws {
        let batches = try EpochOrder(count: 7, seed: 0, shuffles: false).batches(epoch: 5, batchSize: 3, dropLast: true)
        XCTAssertEqual(batches.map(Array.init), [[0, 1, 2], [3, 4, 5]])
        XCTAssertNotNil(expectDatasetError { _ = try MiniBatches(order: [0], batchSize: 0) })
        XCTAssertEqual(try MiniBatches(order: [], batchSize: 4).count, 0)
    }

    func testRandomIndexIsUniformEnough() {
        var rng = SeededRNG(seed: 3)
        var counts = [Int](repeating: 0, count: 5)
        for _ in 0..<50_000 { counts[RandomIndex.below(5, using: &rng)] += 1 }
        for count in counts { XCTAssertEqual(Double(count), 10_000, accuracy: 400) }
    }
}
