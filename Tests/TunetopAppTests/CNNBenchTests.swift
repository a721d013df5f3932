import XCTest
@testable import TunetopApp

final class CNNBenchTests: XCTestCase {
    func testW3FigureTrainsAndReportsSamplesPerSecond() throws {
        let figure = try CNNBench.train(threads: 1, repetitionSeconds: 0.01)
        XCTAssertEqual(figure.figure, "train")
        XCTAssertEqual(figure.workload, "W3")
        XCTAssertEqual(figure.unit, "samples/s")
        XCTAssertGreaterThan(figure.value, 0)
        let loss = try XCTUnwrap(figure.details["final_loss"])
        XCTAssertTrue(loss.isFinite)
        // Ten classes: the loss starts near ln 10 ≈ 2.3 and must have fallen after 7+ passes.
        XCTAssertLessThan(loss, 2.2)
        XCTAssertThrowsError(try CNNBench.train(threads: 0))
    }
}
