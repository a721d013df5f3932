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

    func testPlateauSpeaksUnderAScheduleThatChangesTheLREveryStep() {
        var events: [Event] = []
        let losses = [1.0, 0.8, 0.81, 0.80, 0.82, 0.83]
        for step in 0...600 {
            // A slow decay: 0.05% per step, 26% over the run — below the re-arm change.
            events.append(scalar(Tag.learningRate, step, 0.1 * pow(0.9995, Double(step))))
            if step > 0, step % 100 == 0 { events.append(scalar(Tag.valLoss, step, losses[step / 100 - 1])) }
        }
        XCTAssertEqual(run(events).map(\.rule), ["plateau"], "every-step LR changes do not re-arm it each time")
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

    // MARK: False alarms on converged and annealed runs

    /// `count` train-loss events from `start`, around `level`, with a deterministic wobble.
    private func losses(from start: Int, count: Int, level: Double, wobble: Double = 0.05) -> [Event] {
        (start..<start + count).map { scalar(Tag.trainLoss, $0, level * (1 + wobble * sin(Double($0) * 1.7))) }
    }

    private func control(_ step: Int, source: CommandSource, before: Double, after: Double) -> Event {
        let record = ControlRecord(action: "scale_lr", source: source, lrBefore: before, lrAfter: after)
        return Event(step: step, wallTime: Double(step), tag: Tag.control, value: .text(RecordJSON.encode(record)))
    }

    func testTinyRiseOfAFittedLossIsNotLRTooHigh() {
        // The reviewer's run: 1.2e-5 → 1.6e-5 (+33%) long after the loss started near 2.
        let events = losses(from: 0, count: 50, level: 2.0) + losses(from: 2100, count: 50, level: 1.2e-5)
            + losses(from: 2150, count: 50, level: 1.6e-5)
        XCTAssertEqual(run(events).map(\.rule), [], "a rise of 4e-6 against a starting loss of 2 is noise")
    }

    func testRiseAtTheTailOfAnAnnealedScheduleIsNotLRTooHigh() {
        // One-cycle-like decay from 1e-3 towards 1e-8; the last window's mean jumps 0.117 → 0.172.
        var events: [Event] = []
        for step in 0..<1000 {
            let progress = Double(step) / 999
            let rate = 1e-8 + (1e-3 - 1e-8) * 0.5 * (1 + cos(Double.pi * progress))
            events.append(scalar(Tag.learningRate, step, rate))
            let level = step >= 950 ? 0.172 : step >= 900 ? 0.117 : 0.8 * exp(-Double(step) / 150) + 0.117
            events.append(scalar(Tag.trainLoss, step, level * (1 + 0.1 * sin(Double(step) * 1.7))))
        }
        XCTAssertEqual(run(events).map(\.rule), [], "the schedule has the LR at ~1e-8: nothing to halve")
    }

    func testMaterialRiseAtConstantLRStillFires() {
        var events = [scalar(Tag.learningRate, 0, 0.1)]
        events += losses(from: 0, count: 50, level: 2.0) + losses(from: 50, count: 50, level: 0.5)
            + losses(from: 100, count: 50, level: 1.0)
        for step in stride(from: 0, to: 150, by: 10) { events.append(scalar(Tag.learningRate, step, 0.1)) }
        events.sort { $0.step < $1.step }
        let found = run(events)
        XCTAssertEqual(found.map(\.rule), ["lr_too_high"])
        XCTAssertTrue(found[0].message.contains("LR 0.1"), found[0].message)
    }

    func testRiseWhileWarmingUpStillFires() {
        // The LR is still climbing to its peak: a rise then is the classic "too high".
        var events: [Event] = []
        for step in 0..<150 {
            events.append(scalar(Tag.learningRate, step, 1e-3 * Double(step + 1)))
            events.append(scalar(Tag.trainLoss, step, step < 50 ? 2.0 : step < 100 ? 0.6 : 1.5))
        }
        XCTAssertEqual(run(events).map(\.rule), ["lr_too_high"])
    }

    func testEarlyBlowUpDoesNotMuteALaterRise() {
        // The first steps spike to 1e5 (a too-high LR at the start); the start's scale is the
        // loss before the first update, 2.3, so a later 0.5 → 1.0 rise is still material.
        var events = (0..<50).map { scalar(Tag.trainLoss, $0, $0 % 3 == 1 ? 1e5 : 2.3) }
        events += losses(from: 50, count: 50, level: 0.5) + losses(from: 100, count: 50, level: 1.0)
        XCTAssertEqual(run(events).map(\.rule), ["lr_too_high"])
    }

    func testLossBlowingUpInTheFirstWindowIsLRTooHigh() {
        // `--lr 3`: from 2.96 at initialization to 1.5e5 within a few steps, then stuck at chance.
        var events = [scalar(Tag.learningRate, 0, 3)]
        events += (0..<50).map { step in
            scalar(Tag.trainLoss, step, step == 0 ? 2.96 : step < 8 ? 1.5e5 / Double(step) : 2.5 + 0.1 * sin(Double(step)))
        }
        events += losses(from: 50, count: 100, level: 2.5)
        let found = run(events)
        XCTAssertEqual(found.map(\.rule), ["lr_too_high"])
        XCTAssertTrue(found[0].message.contains("above where it started"), found[0].message)
    }

    func testManualHalvingIsNotAnnealing() {
        // The user halved the LR twice (h, h); the loss still jumps: the LR is still too high.
        var events = [scalar(Tag.learningRate, 0, 0.4), control(10, source: .key, before: 0.4, after: 0.2),
                      control(20, source: .key, before: 0.2, after: 0.1), scalar(Tag.learningRate, 21, 0.1)]
        events += losses(from: 0, count: 50, level: 2.0) + losses(from: 50, count: 50, level: 0.5)
            + losses(from: 100, count: 50, level: 1.0)
        events.sort { $0.step < $1.step }
        XCTAssertEqual(run(events).map(\.rule), ["lr_too_high"])
    }

    func testTinyUpdateRatiosWhileTheScheduleAnnealsAreNotLRTooLow() {
        var events = [scalar(Tag.learningRate, 0, 1e-3)]
        for probe in 1...6 {
            events.append(scalar(Tag.learningRate, probe * 100, 1e-6))
            events.append(scalar(Tag.layer("conv1", .updateRatio), probe * 100, 1.3e-7))
        }
        XCTAssertEqual(run(events).map(\.rule), [], "LR at 1/1000 of its peak: tiny updates are the intent")

        // The same ratios at a constant LR: the LR may really be too low.
        let constant = events.map { event -> Event in
            event.tag == Tag.learningRate ? scalar(Tag.learningRate, event.step, 1e-3) : event
        }
        XCTAssertEqual(run(constant).map(\.rule), ["update_ratio_low"])
    }

    func testTinyUpdateRatiosOfAFittedModelAreNotLRTooLow() {
        var events = losses(from: 0, count: 50, level: 2.0) + losses(from: 50, count: 50, level: 1e-5)
        for probe in 1...6 { events.append(scalar(Tag.layer("dense1", .updateRatio), 100 + probe * 10, 3e-5)) }
        XCTAssertEqual(run(events).map(\.rule), [], "train loss at 5e-6 of its start: the model has fit")
    }

    func testZeroUpdateRatioBehindDeadUnitsIsNotLRTooLow() {
        // `--lr 3`: every ReLU died, no gradient reaches the weights; "raise the LR" is wrong.
        let events = (1...4).flatMap { probe in
            [scalar(Tag.layer("relu2", .deadFraction), probe * 100, 1.0),
             scalar(Tag.layer("dense1", .updateRatio), probe * 100, 0)]
        }
        XCTAssertEqual(run(events).map(\.rule), ["dead_units"])
    }

    // MARK: Hysteresis

    func testFlickeringUpdateRatioSpeaksOnce() {
        // 400 probes: three low, one healthy, over and over.
        let events = (0..<400).map { probe in
            scalar(Tag.layer("dense1", .updateRatio), probe * 20, probe % 4 == 3 ? 1e-3 : 1e-6)
        }
        let found = run(events)
        XCTAssertFalse(found.isEmpty)
        XCTAssertLessThanOrEqual(found.count, 2, found.map(\.message).joined(separator: "\n"))
    }

    func testConditionThatReallyClearedSpeaksAgain() {
        let low = Array(repeating: 1e-6, count: 3)
        let pattern = low + Array(repeating: 1e-3, count: 20) + low
        let events = pattern.enumerated().map { scalar(Tag.layer("dense1", .updateRatio), $0.offset * 20, $0.element) }
        XCTAssertEqual(run(events).map(\.rule), ["update_ratio_low", "update_ratio_low"])
    }

    func testFlickeringOverfittingSpeaksOnce() {
        // 300 epochs; val loss bottoms out at epoch 10 then creeps up; the train loss's
        // epoch mean falls, falls, rises, … so "rising while train falls" flickers.
        var events: [Event] = []
        var train = 1.0
        for epoch in 0..<300 {
            train *= epoch % 3 == 2 ? 1.05 : 0.97
            for step in 0..<10 { events.append(scalar(Tag.trainLoss, epoch * 10 + step, train)) }
            let val = epoch <= 10 ? 1.0 - 0.03 * Double(epoch) : 0.7 + 0.001 * Double(epoch - 10)
            events.append(scalar(Tag.valLoss, epoch * 10 + 9, val))
        }
        let found = run(events).filter { $0.rule == "overfitting" }
        XCTAssertFalse(found.isEmpty)
        XCTAssertLessThanOrEqual(found.count, 2, found.map(\.message).joined(separator: "\n"))
    }

    func testOscillatingLossSpeaksOnce() {
        // Window means 1.0, 1.4, 1.0, 1.4, … at a constant LR: one warning, not one per swing.
        var events = [scalar(Tag.learningRate, 0, 0.1)]
        for window in 0..<40 { events += losses(from: window * 50, count: 50, level: window % 2 == 0 ? 1.0 : 1.4) }
        let found = run(events).filter { $0.rule == "lr_too_high" }
        XCTAssertFalse(found.isEmpty)
        XCTAssertLessThanOrEqual(found.count, 2, found.map(\.message).joined(separator: "\n"))
    }
}
