import Telemetry
import XCTest
@testable import Training

final class ControlTests: XCTestCase {
    private func scalar(_ step: Int) -> Event { Event(step: step, wallTime: 0, tag: Tag.trainLoss, value: .scalar(1)) }
    private func text(_ step: Int) -> Event { Event(step: step, wallTime: 0, tag: Tag.control, value: .text("{}")) }
    private func histogram(_ step: Int) -> Event {
        let histogram = Histogram(min: 0, max: 1, count: 1, sum: 1, sumSquares: 1, bucketLimits: [1], bucketCounts: [1])
        return Event(step: step, wallTime: 0, tag: Tag.layer("d", .weights), value: .histogram(histogram))
    }

    func testCommandQueueHandsOutEachCommandOnceInOrder() {
        let queue = CommandQueue()
        queue.send(PendingCommand(command: .pause, source: .key))
        queue.send(PendingCommand(command: .scaleLearningRate(0.5), source: .rule, detail: "plateau"))
        XCTAssertEqual(queue.takeAll().map(\.command), [.pause, .scaleLearningRate(0.5)])
        XCTAssertEqual(queue.takeAll(), [])
        XCTAssertTrue(queue.isEmpty)
    }

    func testLiveBufferDropsOldestHistogramsThenOldestScalarsButNeverText() {
        let buffer = LiveBuffer(capacity: 4)
        buffer.append([histogram(1), scalar(1), text(1), histogram(2), scalar(2)])
        // Over capacity: shed to 3 (¾ of 4) — both histograms go, oldest first.
        XCTAssertEqual(buffer.drain().map(\.step), [1, 1, 2])
        buffer.append([scalar(1), text(1), histogram(3), scalar(3), scalar(4), text(4), scalar(5), scalar(6)])
        // 8 → 3: the histogram, then the four oldest scalars; text stays.
        let kept = buffer.drain()
        XCTAssertEqual(kept.map(\.step), [1, 4, 6])
        XCTAssertEqual(kept.filter { $0.tag == Tag.control }.count, 2)
        XCTAssertEqual(buffer.droppedCount, 7)
        buffer.append((0..<6).map(text))
        XCTAssertEqual(buffer.drain().count, 6, "text events are never dropped")
    }
}
