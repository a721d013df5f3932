import XCTest
@testable import Engine

final class LossTests: XCTestCase {
    let logits = GradientCheck.input([5, 4], seed: 21)
    let labels = [0, 3, 1, 1, 2]

    func testGradients() throws {
        try GradientCheck.check(try SoftmaxCrossEntropy(), output: logits, labels: labels)
        try GradientCheck.check(try SoftmaxCrossEntropy(labelSmoothing: 0.1, classWeights: [1, 2, 0.5, 3]), output: logits, labels: labels)
        try GradientCheck.check(try FocalLoss(gamma: 2, alpha: 0.25), output: logits, labels: labels)
        try GradientCheck.check(try FocalLoss(gamma: 0.5, alpha: 1), output: logits, labels: labels)
        try GradientCheck.check(MeanSquaredError(), output: logits, labels: labels)
        let binary = GradientCheck.input([6, 1], seed: 22)
        try GradientCheck.check(BinaryCrossEntropy(), output: binary, labels: [0, 1, 1, 0, 1, 0])
    }

    func testKnownValues() throws {
        // Uniform logits over 4 classes: cross-entropy log 4, focal (γ 0) the same.
        let uniform = Tensor(shape: [2, 4])
        XCTAssertEqual(try SoftmaxCrossEntropy().evaluate(uniform, labels: [1, 2]).loss, logf(4), accuracy: 1e-6)
        XCTAssertEqual(try FocalLoss(gamma: 0, alpha: 1).evaluate(uniform, labels: [1, 2]).loss, logf(4), accuracy: 1e-6)
        // Large logits do not overflow.
        let huge = try Tensor(rows: [[1000, 0], [0, 1000]])
        XCTAssertEqual(try SoftmaxCrossEntropy().evaluate(huge, labels: [0, 0]).loss, 500, accuracy: 1e-3)
        // BCE of logit 0 is log 2.
        XCTAssertEqual(try BinaryCrossEntropy().evaluate(Tensor(shape: [1, 1]), labels: [1]).loss, logf(2), accuracy: 1e-6)
        XCTAssertEqual(try MeanSquaredError().evaluate(Tensor(shape: [1, 2]), labels: [0]).loss, 0.5, accuracy: 1e-6)
    }

    func testBadLabelsAreNamed() {
        XCTAssertThrowsError(try SoftmaxCrossEntropy().evaluate(logits, labels: [0, 4, 1, 1, 2])) { error in
            XCTAssertTrue("\(error)".contains("label 4 at row 1"), "\(error)")
        }
        XCTAssertThrowsError(try SoftmaxCrossEntropy(labelSmoothing: 1.5)) { error in
            XCTAssertTrue("\(error)".contains("1.5"), "\(error)")
        }
    }

    func testAccuracy() throws {
        let output = try Tensor(rows: [[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]])
        XCTAssertEqual(accuracy(output, labels: [1, 0, 0]), 2.0 / 3.0, accuracy: 1e-12)
    }
}
