import XCTest
@testable import TermCanvas

final class TermCanvasSmokeTests: XCTestCase {
    func testModuleLinks() {
        // Replaced by real tests as the module lands.
        XCTAssertEqual(1 + 1, 2)
    }
}
