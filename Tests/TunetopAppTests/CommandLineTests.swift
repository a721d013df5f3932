import XCTest
@testable import TunetopApp

final class CommandLineTests: XCTestCase {
    func testUnknownFlagIsUsageError() {
        XCTAssertThrowsError(try Tunetop.parseAsRoot(["--no-such-flag"]))
    }
}
