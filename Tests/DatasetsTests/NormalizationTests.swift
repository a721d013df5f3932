import Foundation
import XCTest
@testable import Datasets
import Engine

final class NormalizationTests: XCTestCase {
    private func dataset(_ shape: [Int], _ values: [Float]) throws -> Dataset {
        try Dataset(
            name: "n", features: try Tensor(shape: shape, storage: values), labels: [Int](repeating: 0, count: shape[0]),
            classCount: 1)
    }

    func testStandardizePerFeatureUsesTrainStatisticsOnly() throws {
        var train = try dataset([2, 2], [1, 10, 3, 30])
        var validation = try dataset([1, 2], [5, 0])
        let stats = NormalizationStats.fit(train, mode: .standardizePerFeature)
        XCTAssertEqual(stats.center, [2, 20])
        XCTAssertEqual(stats.scale, [1, 0.1])
        try stats.apply(to: &train)
        try stats.apply(to: &validation)
        XCTAssertEqual(train.features.storage, [-1, -1, 1, 1])
        XCTAssertEqual(validation.features.storage, [3, -2])
    }

    func testStandardizePerChannelOnImages() throws {
        // [N=2, C=2, H=1, W=2]: channel 0 holds 0, 2, 4, 6; channel 1 is constant 7.
        var images = try dataset([2, 2, 1, 2], [0, 2, 7, 7, 4, 6, 7, 7])
        let stats = NormalizationStats.fit(images, mode: .standardizePerChannel)
        XCTAssertEqual(stats.center, [3, 7])
        XCTAssertEqual(stats.scale[0], 1 / Float(5).squareRoot(), accuracy: 1e-6)
        XCTAssertEqual(stats.scale[1], 1, "a constant channel is centered, not divided by zero")
        try stats.apply(to: &images)
        let root5 = Float(5).squareRoot()
        let expected: [Float] = [-3 / root5, -1 / root5, 0, 0, 1 / root5, 3 / root5, 0, 0]
        for (got, want) in zip(images.features.storage, expected) { XCTAssertEqual(got, want, accuracy: 1e-6) }
    }

    func testRangeModes() throws {
        let train = try dataset([2, 2], [1, 10, 3, 21])
        var unit = train.features
        try NormalizationStats.fit(train, mode: .unitRange).apply(to: &unit)
        for (got, want) in zip(unit.storage, [0, 0.45, 0.1, 1] as [Float]) { XCTAssertEqual(got, want, accuracy: 1e-6) }
        var symmetric = train.features
        try NormalizationStats.fit(train, mode: .symmetricRange).apply(to: &symmetric)
        for (got, want) in zip(symmetric.storage, [-1, -0.1, -0.8, 1] as [Float]) { XCTAssertEqual(got, want, accuracy: 1e-6) }
        var untouched = train.features
        try NormalizationStats.fit(train, mode: .none).apply(to: &untouched)
        XCTAssertEqual(untouched, train.features)
    }

    func testDigitsStandardizedHaveZeroMeanUnitVariancePerFeature() throws {
        let digits = try Digits.load(path: TestFiles.sampleData + "/digits/digits.csv")
        let (train, _) = try digits.stratifiedSplit(validationFraction: 0.2, seed: 3)
        var scaled = train
        try NormalizationStats.fit(train, mode: .standardizePerFeature).apply(to: &scaled)
        let column = 36
        let values = (0..<scaled.count).map { Double(scaled.features.storage[$0 * 64 + column]) }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
        XCTAssertEqual(mean, 0, accuracy: 1e-5)
        XCTAssertEqual(variance, 1, accuracy: 1e-4)
    }

    func testCodableRoundTripAndShapeCheck() throws {
        let train = try dataset([2, 2], [1, 10, 3, 30])
        let stats = NormalizationStats.fit(train, mode: .standardizePerFeature)
        let decoded = try JSONDecoder().decode(NormalizationStats.self, from: JSONEncoder().encode(stats))
        XCTAssertEqual(decoded, stats)
        XCTAssertEqual(try JSONDecoder().decode(NormalizationMode.self, from: Data("\"unitRange\"".utf8)), .unitRange)
        var wrongShape = Tensor(shape: [1, 3])
        XCTAssertNotNil(expectDatasetError { try stats.apply(to: &wrongShape) })
    }
}
