import Foundation
import Synchronization
import Telemetry
import XCTest
@testable import Training

/// Guards against a toolchain bug that once made `[Event]` corrupt the heap when appended
/// through generic code of another module (see `Value.histogram`). A regression aborts the
/// test process in malloc rather than failing an assertion.
final class EventStorageTests: XCTestCase {
    private func batch(_ step: Int) -> [Event] {
        let histogram = Histogram(min: 0, max: 1, count: 2, sum: 1, sumSquares: 1, bucketLimits: [0.5, 1], bucketCounts: [1, 1])
        return [
            Event(step: step, wallTime: 0, tag: "a/b", value: .scalar(1)),
            Event(step: step, wallTime: 0, tag: "a/c", value: .histogram(histogram)),
            Event(step: step, wallTime: 0, tag: "a/d", value: .text("x")),
        ]
    }

    func testEventsSurviveAppendsThroughGenericContainers() {
        let shared = Shared<[Event]>([])
        let mutex = Mutex<[Event]>([])
        for step in 0..<2000 {
            let events = batch(step)
            shared.withLock { $0.append(contentsOf: events) }
            mutex.withLock { $0.append(contentsOf: events) }
        }
        XCTAssertEqual(shared.value.count, 6000)
        XCTAssertEqual(mutex.withLock { $0.count }, 6000)
        XCTAssertEqual(shared.value.last, batch(1999).last)
    }
}
