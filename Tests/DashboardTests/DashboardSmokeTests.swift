import XCTest
@testable import Dashboard

final class DashboardSmokeTests: XCTestCase {
    func testModuleLinks() {
        // Replaced by real tests as the module lands.
        XCTAssertEqual(1 + 1, 2)
    }
}
