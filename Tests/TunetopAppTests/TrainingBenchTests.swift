import XCTest
@testable import TunetopApp

final class TrainingBenchTests: XCTestCase {
    func testProbeOverheadReportsAPercentageWithItsInputs() throws {
        let figure = try TrainingBench.probeOverhead(probeEvery: 100, steps: 56, repetitions: 1)
        XCTAssertEqual(figure.figure, "probe_overhead")
        XCTAssertEqual(figure.unit, "%")
        XCTAssertEqual(figure.n, 100)
        XCTAssertGreaterThanOrEqual(figure.value, 0)
        XCTAssertGreaterThan(figure.details["step_ms"] ?? 0, 0)
        XCTAssertEqual(figure.value, (figure.details["every_step_pct"] ?? -1) / 100, accuracy: 1e-9)
    }
}
