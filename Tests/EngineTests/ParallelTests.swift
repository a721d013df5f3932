import XCTest
@testable import Engine

final class ParallelTests: XCTestCase {
    func testEveryPartRunsExactlyOnce() {
        for count in [1, 2, 3, 8, 300] {
            let runs = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
            runs.initialize(repeating: 0)
            defer { runs.deallocate() }
            for _ in 0..<50 { Parallel.forEach(count) { runs[$0] += 1 } }
            XCTAssertEqual(Set(runs), [50], "\(count) parts")
        }
    }
}
