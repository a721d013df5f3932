import XCTest
@testable import Training

final class PlateauAndEarlyStoppingTests: XCTestCase {
    /// Hand-worked against Keras's ReduceLROnPlateau(factor=0.5, patience=2, min_delta=0.01,
    /// cooldown=2, min_lr=0.02) from lr 0.1. Keras ticks the cooldown first, then checks
    /// improvement, then (outside cooldown) grows the wait:
    /// loss  1.0  0.9  0.895 0.89   0.85  0.86  0.87   0.88  0.87  0.86   0.86
    /// cd    0    0    0     0→2    1     0     0→2    1     0     0→2    1
    /// wait  0    0    1     2→0    0     1     2→0    0     1     2→0    0
    /// lr    .1   .1   .1    .05    .05   .05   .025   .025  .025  .02    .02 (max(.0125, min))
    func testReduceOnPlateauFollowsKerasOnAHandWorkedSequence() {
        var tracker = PlateauTracker(config: PlateauConfig(factor: 0.5, patience: 2, minDelta: 0.01, cooldown: 2, minLR: 0.02))
        var lr: Float = 0.1
        var rates: [Float] = []
        for loss in [1.0, 0.9, 0.895, 0.89, 0.85, 0.86, 0.87, 0.88, 0.87, 0.86, 0.86] {
            if case .reduce(let next) = tracker.observe(valLoss: loss, learningRate: lr) { lr = next }
            rates.append(lr)
        }
        XCTAssertEqual(rates, [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.02, 0.02])
        XCTAssertEqual(tracker.best, 0.85)
        // At the minimum, Keras does nothing more.
        XCTAssertEqual(tracker.observe(valLoss: 0.9, learningRate: lr), .keep)
        XCTAssertEqual(tracker.observe(valLoss: 0.9, learningRate: lr), .keep)
        XCTAssertEqual(tracker.observe(valLoss: 0.9, learningRate: lr), .keep)
    }

    func testHalveUntilMinimumStopsOnceAtTheMinimum() {
        var tracker = PlateauTracker(config: .halveUntilMinimum(patience: 1, minLR: 0.025))
        var lr: Float = 0.1
        var decisions: [PlateauDecision] = []
        for loss in [1.0, 1.0, 1.0, 1.0] {
            let decision = tracker.observe(valLoss: loss, learningRate: lr)
            if case .reduce(let next) = decision { lr = next }
            decisions.append(decision)
        }
        XCTAssertEqual(decisions, [.keep, .reduce(to: 0.05), .reduce(to: 0.025), .stop])
    }

    /// Keras's EarlyStopping(patience=2, min_delta=0.01): stops at the 2nd evaluation in a
    /// row that is not 0.01 better than the best (0.8 at evaluation 3).
    func testEarlyStoppingFollowsKerasOnAHandWorkedSequence() {
        var tracker = EarlyStoppingTracker(config: EarlyStoppingConfig(patience: 2, minDelta: 0.01))
        let decisions = [1.0, 0.9, 0.8, 0.795, 0.85].map { tracker.observe(valLoss: $0) }
        XCTAssertEqual(decisions, [.improved, .improved, .improved, .wait, .stop])
        XCTAssertEqual(tracker.best, 0.8)
    }

    func testEarlyStoppingWithZeroPatienceNeverStopsAtTheFirstEvaluationOrOnImprovement() {
        var tracker = EarlyStoppingTracker(config: EarlyStoppingConfig(patience: 0))
        XCTAssertEqual(tracker.observe(valLoss: .infinity), .wait)
        XCTAssertEqual(tracker.observe(valLoss: 1), .improved)
        XCTAssertEqual(tracker.observe(valLoss: 1), .stop)
    }

    func testPlateauConfigValidation() {
        XCTAssertThrowsError(try PlateauConfig(factor: 1).validate())
        XCTAssertThrowsError(try EarlyStoppingConfig(patience: -1).validate())
    }
}
