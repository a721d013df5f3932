import XCTest
@testable import Engine

final class TensorTests: XCTestCase {
    func testStorageCountMustMatchShape() {
        XCTAssertThrowsError(try Tensor(shape: [2, 3], storage: [1, 2, 3]))
        XCTAssertEqual(try Tensor(shape: [2, 3], storage: Array(repeating: 1, count: 6)).count, 6)
    }
}
