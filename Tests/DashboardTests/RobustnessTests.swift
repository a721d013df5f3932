import Telemetry
import TermCanvas
import XCTest
@testable import Dashboard

/// Runs go wrong in exactly the ways that break naive plotting: NaN and infinite losses,
/// values near Double's limits, zero and negative values on a log axis, odd histograms.
final class RobustnessTests: XCTestCase {
    func testExtremeValuesRenderWithoutTrapping() {
        let weird: [Double] = [.nan, .infinity, -.infinity, 1e308, -1e308, 0, -1, 5e-324, 1]
        var events: [Event] = []
        for (i, value) in weird.enumerated() {
            events.append(Event(step: i, wallTime: Double(i), tag: Tag.trainLoss, value: .scalar(value)))
            events.append(Event(step: i, wallTime: Double(i), tag: Tag.valLoss, value: .scalar(value)))
            events.append(Event(step: i, wallTime: Double(i), tag: Tag.learningRate, value: .scalar(value)))
            events.append(Event(step: i, wallTime: Double(i), tag: Tag.layer("l", .updateRatio), value: .scalar(value)))
            events.append(Event(step: i, wallTime: Double(i), tag: Tag.totalSteps, value: .scalar(value.isFinite ? value : 0)))
            let histogram = Histogram(min: value, max: -value, count: value, sum: value, sumSquares: value,
                                      bucketLimits: [value, 1e308, .infinity], bucketCounts: [value, 1, .nan])
            events.append(Event(step: i, wallTime: Double(i), tag: Tag.layer("l", .activations), value: .histogram(histogram)))
        }
        events.append(Event(step: 3, wallTime: 9, tag: Tag.control, value: .text("not json")))
        events.append(Event(step: 2, wallTime: 10, tag: Tag.trainLoss, value: .sessionStart))
        for glyphs in GlyphMode.allCases {
            var state = DashboardState(mode: .live(name: "weird"), options: DashboardOptions())
            for event in events {
                _ = state.update(.events([event]))
                for logY in [false, true] {
                    state.logY = logY
                    for size in [Size(width: 80, height: 24), Size(width: 133, height: 41)] {
                        XCTAssertEqual(DashboardView.render(state, size: size, glyphs: glyphs).height, size.height)
                    }
                }
            }
        }
    }

    func testTinyAndEmptyScreens() {
        let state = DashboardState(mode: .live(name: "x"), options: DashboardOptions())
        for size in [Size(width: 0, height: 0), Size(width: 1, height: 1), Size(width: 79, height: 24), Size(width: 80, height: 23)] {
            XCTAssertEqual(DashboardView.render(state, size: size).width, size.width)
        }
    }
}
