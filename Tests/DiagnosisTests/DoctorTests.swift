import XCTest
import Telemetry
@testable import Diagnosis

final class DoctorTests: XCTestCase {
    private func scalar(_ tag: String, _ step: Int, _ value: Double) -> Event {
        Event(step: step, wallTime: Double(step), tag: tag, value: .scalar(value))
    }

    private func advice(_ events: [Event]) -> [AdviceRecord] {
        events.compactMap { event in
            guard event.tag == Tag.advice, case .text(let json) = event.value else { return nil }
            return RecordJSON.decode(AdviceRecord.self, from: json)
        }
    }

    private func run(_ events: [Event], thresholds: DoctorThresholds = DoctorThresholds()) -> [AdviceRecord] {
        var doctor = Doctor(thresholds: thresholds)
        return advice(doctor.observe(events))
    }

    func testHealthyRunGetsNoAdvice() {
        var events: [Event] = []
        for step in 0..<1000 {
            events.append(scalar(Tag.trainLoss, step, 2.3 * exp(-Double(step) / 200) + 0.05))
            if step % 10 == 0 {
                for layer in ["dense1", "dense2"] {
                    events.append(scalar(Tag.layer(layer, .updateRatio), step, 1e-3))
                    events.append(scalar(Tag.layer(layer, .gradNorm), step, 0.5))
                    events.append(scalar(Tag.layer(layer, .deadFraction), step, 0.1))
                }
            }
            if step % 100 == 99 {
                events.append(scalar(Tag.valLoss, step, 2.3 * exp(-Double(step) / 200) + 0.1))
            }
        }
        XCTAssertEqual(run(events), [])
    }

    func testNonFiniteLossIsCriticalOncePerEpisode() {
        let events = [
            scalar(Tag.learningRate, 0, 3.0), scalar(Tag.trainLoss, 1, 2.0), scalar(Tag.trainLoss, 2, .nan),
            scalar(Tag.trainLoss, 3, .infinity), scalar(Tag.trainLoss, 4, 1.0), scalar(Tag.trainLoss, 5, .nan),
        ]
        let found = run(events)
        XCTAssertEqual(found.map(\.rule), ["nonfinite_loss", "nonfinite_loss"])
        XCTAssertEqual(found.first?.severity, .critical)
        XCTAssertTrue(found.first?.message.contains("step 2 at LR 3") ?? false, found.first?.message ?? "")
    }

    func testPlateauAfterPatienceEvaluationsAndRearmsOnLRChange() {
        var events = [scalar(Tag.learningRate, 0, 0.1)]
        let losses = [1.0, 0.8, 0.81, 0.80, 0.82, 0.83]
        for (index, loss) in losses.enumerated() { events.append(scalar(Tag.valLoss, (index + 1) * 100, loss)) }
        let found = run(events)
        XCTAssertEqual(found.map(\.rule), ["plateau"])
        XCTAssertTrue(found[0].message.contains("best 0.8 at step 200"), found[0].message)
        XCTAssertTrue(found[0].message.contains("0.1 → 0.05"), found[0].message)

        events.append(scalar(Tag.learningRate, 700, 0.05))
        for step in [800, 900, 1000] { events.append(scalar(Tag.valLoss, step, 0.9)) }
        XCTAssertEqual(run(events).map(\.rule), ["plateau", "plateau"])
    }

    func testOverfittingNeedsValRisingWhileTrainFalls() {
        var events: [Event] = []
        let val = [1.0, 0.9, 0.95, 1.0]
        for epoch in 0..<4 {
            for step in 0..<10 { events.append(scalar(Tag.trainLoss, epoch * 10 + step, 1.0 - Double(epoch) * 0.2)) }
            events.append(scalar(Tag.valLoss, epoch * 10 + 9, val[epoch]))
        }
        let found = run(events)
        XCTAssertEqual(found.map(\.rule), ["overfitting"])
        XCTAssertTrue(found[0].message.contains("best 0.9"), found[0].message)

        // The same val curve with train loss rising too is not overfitting.
        let notOverfit = events.map { event -> Event in
            guard event.tag == Tag.trainLoss, case .scalar(let v) = event.value else { return event }
            return scalar(Tag.trainLoss, event.step, 2 - v)
        }
        XCTAssertFalse(run(notOverfit).contains { $0.rule == "overfitting" })
    }

    func testUpdateRatioMustPersist() {
        let high = (0..<2).map { scalar(Tag.layer("dense1", .updateRatio), $0 * 10, 0.05) }
        XCTAssertEqual(run(high), [])
        let persistent = (0..<5).map { scalar(Tag.layer("dense1", .updateRatio), $0 * 10, 0.05) }
        let found = run(persistent)
        XCTAssertEqual(found.map(\.rule), ["update_ratio_high"])
        XCTAssertTrue(found[0].message.hasPrefix("dense1: update/weight ratio 0.05 for 3 probes"), found[0].message)
        let low = (0..<3).map { scalar(Tag.layer("dense2", .updateRatio), $0 * 10, 1e-6) }
        XCTAssertEqual(run(low).map(\.rule), ["update_ratio_low"])
    }

    func testDeadAndSaturatedUnits() {
        let events = (0..<3).flatMap { probe in
            [scalar(Tag.layer("relu1", .deadFraction), probe, 0.7), scalar(Tag.layer("tanh1", .saturatedFraction), probe, 0.9)]
        }
        XCTAssertEqual(Set(run(events).map(\.rule)), ["dead_units", "saturated_units"])
    }

    func testVanishingGradientsJudgedPerProbe() {
        let events = [
            scalar(Tag.layer("dense1", .gradNorm), 10, 1e-9), scalar(Tag.layer("dense3", .gradNorm), 10, 0.5),
            scalar(Tag.layer("dense1", .gradNorm), 20, 1e-9),
        ]
        let found = run(events)
        XCTAssertEqual(found.map(\.rule), ["vanishing_gradients"])
        XCTAssertTrue(found[0].message.hasPrefix("dense1: gradient norm 1.0e-9"), found[0].message)
    }

    func testExplodingGradientsAgainstOwnMedian() {
        var events = (0..<6).map { scalar(Tag.layer("dense1", .gradNorm), $0 * 10, 1.0) }
        XCTAssertEqual(run(events), [])
        events.append(scalar(Tag.layer("dense1", .gradNorm), 60, 500))
        XCTAssertEqual(run(events).map(\.rule), ["exploding_gradients"])
    }

    func testTinyGradientsOfAFittedModelJumpingAreNotExploding() {
        var events = (0..<6).map { scalar(Tag.layer("dense1", .gradNorm), $0 * 10, 2e-15) }
        events.append(scalar(Tag.layer("dense1", .gradNorm), 60, 4e-11))
        XCTAssertEqual(run(events), [], "20,000× growth, but of a norm far below 1")
    }

    func testRisingAndStalledTrainingLoss() {
        let rising = (0..<100).map { scalar(Tag.trainLoss, $0, $0 < 50 ? 1.0 : 2.0) }
        XCTAssertEqual(run(rising).map(\.rule), ["lr_too_high"])

        let stalled = (0..<400).map { scalar(Tag.trainLoss, $0, 2.30 - Double($0) * 1e-6) }
        let found = run(stalled)
        XCTAssertEqual(found.map(\.rule), ["lr_too_low"])
        XCTAssertTrue(found[0].message.contains("double it (H)"), found[0].message)
    }

    func testAdviceEventsCarryTheTriggeringStep() {
        var doctor = Doctor()
        let out = doctor.observe(scalar(Tag.trainLoss, 42, .nan))
        XCTAssertEqual(out.count, 1)
        XCTAssertEqual(out.first?.step, 42)
        XCTAssertEqual(out.first?.tag, Tag.advice)
    }
}
