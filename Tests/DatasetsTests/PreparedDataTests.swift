import XCTest
@testable import Datasets
import Engine

final class PreparedDataTests: XCTestCase {
    func testStatisticsComeFromTheTrainingSplitOnly() throws {
        let digits = try Digits.load(path: TestFiles.sampleData + "/digits/digits.csv")
        let prepared = try PreparedData(digits, validationFraction: 0.2, seed: 5, normalization: .standardizePerFeature)
        let (rawTrain, rawValidation) = try digits.stratifiedSplit(validationFraction: 0.2, seed: 5)
        let expected = NormalizationStats.fit(rawTrain, mode: .standardizePerFeature)
        XCTAssertEqual(prepared.normalization, expected)
        XCTAssertNotEqual(prepared.normalization, NormalizationStats.fit(digits, mode: .standardizePerFeature))
        var validation = rawValidation
        try expected.apply(to: &validation)
        XCTAssertEqual(prepared.validation.features, validation.features)
        XCTAssertEqual(prepared.train.count + prepared.validation.count, 1797)
        XCTAssertNil(prepared.classWeights)
    }

    func testBalancingTouchesOnlyTheTrainingSplit() throws {
        let labels = (0..<50).map { $0 < 40 ? 0 : 1 }
        let data = try tinyDataset(labels: labels, classCount: 2)
        let weighted = try PreparedData(data, validationFraction: 0.2, seed: 1, normalization: .none, classBalance: .weights)
        XCTAssertEqual(weighted.classWeights?.count, 2)
        XCTAssertEqual(weighted.classWeights?[1] ?? 0, 40.0 / (2 * 8), accuracy: 1e-6)
        let oversampled = try PreparedData(data, validationFraction: 0.2, seed: 1, normalization: .none, classBalance: .oversample)
        XCTAssertEqual(oversampled.train.classCounts, [32, 32])
        XCTAssertEqual(oversampled.validation.classCounts, [8, 2])
    }
}
