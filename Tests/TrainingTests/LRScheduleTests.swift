import XCTest
@testable import Training

final class LRScheduleTests: XCTestCase {
    private func rates(_ schedule: LRSchedule, base: Float = 0.1, total: Int, steps: [Int]) -> [Float] {
        steps.map { schedule.rate(atStep: $0, base: base, totalSteps: total) }
    }

    private func assertClose(_ actual: [Float], _ expected: [Float], tolerance: Float = 1e-6, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, file: file, line: line)
        for (a, e) in zip(actual, expected) {
            XCTAssertEqual(a, e, accuracy: tolerance * max(1, abs(e)), "got \(actual), expected \(expected)", file: file, line: line)
        }
    }

    func testConstantStepAndExponential() {
        assertClose(rates(.constant, total: 10, steps: [0, 5, 9]), [0.1, 0.1, 0.1])
        assertClose(rates(.step(every: 3, gamma: 0.5), total: 10, steps: [0, 2, 3, 5, 6, 9]), [0.1, 0.1, 0.05, 0.05, 0.025, 0.0125])
        assertClose(rates(.exponential(gamma: 0.9), total: 10, steps: [0, 1, 2, 10]), [0.1, 0.09, 0.081, 0.1 * powf(0.9, 10)])
    }

    func testCosineWithWarmupHitsWarmupPeakMidpointAndMinimum() {
        // 4 warmup steps: 0.025, 0.05, 0.075, 0.1; then cosine over steps 4…104 to 0.001.
        let schedule = LRSchedule.cosine(warmupSteps: 4, minLR: 0.001)
        assertClose(rates(schedule, total: 105, steps: [0, 1, 3, 4, 54, 104, 200]),
                    [0.025, 0.05, 0.1, 0.1, 0.0505, 0.001, 0.001])
    }

    func testLinearDecayEndsAtTarget() {
        assertClose(rates(.linearDecay(to: 0.01), total: 11, steps: [0, 5, 10, 20]), [0.1, 0.055, 0.01, 0.01])
    }

    func testOneCycleMatchesPyTorchValues() {
        // torch.optim.lr_scheduler.OneCycleLR(max_lr=1.0, total_steps=100) (pct_start 0.3,
        // div_factor 25, final_div_factor 1e4, cos annealing): lr at steps 0, 29, 64, 99.
        let schedule = LRSchedule.oneCycle(maxLR: 1)
        let got = rates(schedule, base: 123, total: 100, steps: [0, 29, 64, 99])
        let phase2 = Float(64 - 29) / Float(99 - 29)
        let expected64 = 4e-6 + (1 - 4e-6) / 2 * (1 + cosf(.pi * phase2))
        assertClose(got, [0.04, 1.0, expected64, 4e-6], tolerance: 1e-5)
    }

    func testValidationNamesTheBadValue() {
        XCTAssertThrowsError(try LRSchedule.step(every: 0, gamma: 0.5).validate()) { error in
            XCTAssertEqual(error as? TrainingError, .invalidConfig(name: "schedule.every", value: "0", allowed: "> 0"))
        }
        XCTAssertNoThrow(try LRSchedule.cosine(warmupSteps: 0, minLR: 0).validate())
    }

    func testManualChangesScaleTheScheduleFromThenOn() {
        var state = LearningRateState(schedule: .step(every: 10, gamma: 0.5), baseRate: 0.1, totalSteps: 100)
        XCTAssertEqual(state.rate(atStep: 5), 0.1, accuracy: 1e-7)
        state.scale(by: 0.5)
        XCTAssertEqual(state.rate(atStep: 5), 0.05, accuracy: 1e-7)
        XCTAssertEqual(state.rate(atStep: 10), 0.025, accuracy: 1e-7, "the step decay still applies, halved")
        state.set(0.2, atStep: 10)
        XCTAssertEqual(state.rate(atStep: 10), 0.2, accuracy: 1e-7)
        XCTAssertEqual(state.rate(atStep: 20), 0.1, accuracy: 1e-7, "later decays apply to the set rate")
    }
}
