import XCTest
@testable import Datasets
import Engine

final class ClassBalanceTests: XCTestCase {
    func testWeightsAreInverseFrequencyWithMeanOneOverExamples() {
        let labels = [0, 0, 0, 1]
        let weights = ClassBalance.weights(labels: labels, classCount: 3)
        XCTAssertEqual(weights[0], 4.0 / 6.0, accuracy: 1e-6)
        XCTAssertEqual(weights[1], 2, accuracy: 1e-6)
        XCTAssertEqual(weights[2], 1, "an absent class is neutral")
        let meanOverExamples = labels.map { weights[$0] }.reduce(0, +) / Float(labels.count)
        XCTAssertEqual(meanOverExamples, 1, accuracy: 1e-6)
        XCTAssertEqual(ClassBalance.weights(labels: [0, 1, 0, 1], classCount: 2), [1, 1])
    }

    func testOversampleEqualizesClassesKeepingEveryOriginal() throws {
        let data = try tinyDataset(labels: [0, 0, 0, 0, 0, 0, 1, 2, 2], classCount: 3)
        var rng = SeededRNG(seed: 3)
        let balanced = ClassBalance.oversample(data, rng: &rng)
        XCTAssertEqual(balanced.classCounts, [6, 6, 6])
        XCTAssertEqual(Array(balanced.features.storage.prefix(18)), data.features.storage)
        // Every extra row is a copy of an original row of its class.
        for row in 9..<18 {
            let original = Int(balanced.features.storage[row * 2])
            XCTAssertEqual(data.labels[original], balanced.labels[row])
        }
        var again = SeededRNG(seed: 3)
        XCTAssertEqual(ClassBalance.oversample(data, rng: &again).features, balanced.features)
    }

    func testBreastCancerWeights() throws {
        let data = try CSVLoader.load(path: TestFiles.sampleData + "/breast-cancer/breast_cancer.csv", labelColumn: "label")
        let weights = ClassBalance.weights(labels: data.labels, classCount: data.classCount)
        XCTAssertEqual(weights[0], 569 / (2 * 212), accuracy: 1e-5)
        XCTAssertEqual(weights[1], 569 / (2 * 357), accuracy: 1e-5)
    }
}
