import XCTest
@testable import Training

final class ProbeMathTests: XCTestCase {
    func testHistogramBucketsFollowTensorBoardEdgesAndCountNonFiniteApart() throws {
        let probe = HistogramBuilder.build([0, 1, 2, 3, 4, .nan, .infinity, -.infinity], bucketCount: 4)
        XCTAssertEqual(probe.nanCount, 1)
        XCTAssertEqual(probe.infinityCount, 2)
        let histogram = try XCTUnwrap(probe.histogram)
        XCTAssertEqual(histogram.bucketLimits, [1, 2, 3, 4])
        // (−∞,1] holds 0 and 1; (1,2] holds 2; …
        XCTAssertEqual(histogram.bucketCounts, [2, 1, 1, 1])
        XCTAssertEqual(histogram.count, 5)
        XCTAssertEqual(histogram.sum, 10)
        XCTAssertEqual(histogram.sumSquares, 30)
        XCTAssertEqual(histogram.min, 0)
        XCTAssertEqual(histogram.max, 4)
    }

    func testHistogramOfConstantAndEmptyInputs() {
        XCTAssertEqual(HistogramBuilder.build([2, 2, 2]).histogram?.bucketCounts, [3])
        XCTAssertNil(HistogramBuilder.build([.nan]).histogram)
        let many = HistogramBuilder.build((0..<10_000).map { Float($0) }, bucketCount: 30)
        XCTAssertEqual(many.histogram?.bucketCounts.count, 30)
        XCTAssertEqual(many.histogram?.bucketCounts.reduce(0, +), 10_000)
    }

    func testNormsAndUpdateRatio() {
        XCTAssertEqual(ProbeMath.l2Norm([3, 4]), 5)
        XCTAssertTrue(ProbeMath.l2Norm([1, .nan]).isNaN)
        XCTAssertEqual(ProbeMath.updateRatio(before: [3, 4], after: [3, 4.5]), 0.1, accuracy: 1e-12)
        XCTAssertEqual(ProbeMath.updateRatio(before: [0, 0], after: [0, 0]), 0)
    }

    func testDeadAndSaturatedFractions() {
        // 3 examples × 4 units: unit 0 fires once, unit 2 fires always, units 1 and 3 never.
        let activations: [Float] = [0, 0, 1, 0, 0.5, 0, 2, -1, 0, 0, 3, 0]
        XCTAssertEqual(ProbeMath.deadFraction(activations, batchSize: 3), 0.5)
        // tanh: |y| ≥ 0.98 is saturated (2 of 5).
        XCTAssertEqual(ProbeMath.saturatedFraction([0.99, -0.985, 0.97, 0, -0.5], lower: -1, upper: 1), 0.4)
        // sigmoid: ≤ 0.01 or ≥ 0.99 (2 of 4).
        XCTAssertEqual(ProbeMath.saturatedFraction([0.005, 0.5, 0.995, 0.98], lower: 0, upper: 1), 0.5)
    }

    func testMeanTopProbability() {
        // Row 1 uniform over 4 classes (0.25), row 2 one-hot-ish.
        let logits: [Float] = [1, 1, 1, 1, 100, 0, 0, 0]
        XCTAssertEqual(ProbeMath.meanTopProbability(logits: logits, classCount: 4), (0.25 + 1) / 2, accuracy: 1e-9)
    }
}
