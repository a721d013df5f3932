import XCTest
@testable import Datasets

final class DatasetsSmokeTests: XCTestCase {
    func testModuleLinks() {
        // Replaced by real tests as the module lands.
        XCTAssertEqual(1 + 1, 2)
    }
}
