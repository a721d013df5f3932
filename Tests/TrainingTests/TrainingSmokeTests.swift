import XCTest
@testable import Training

final class TrainingSmokeTests: XCTestCase {
    func testModuleLinks() {
        // Replaced by real tests as the module lands.
        XCTAssertEqual(1 + 1, 2)
    }
}
