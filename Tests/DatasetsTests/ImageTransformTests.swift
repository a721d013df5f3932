import XCTest
@testable import Datasets

final class ImageTransformTests: XCTestCase {
    /// Runs `transform` on a copy of `pixels` (one `[C, H, W]` image).
    private func run(_ transform: ImageTransform, _ pixels: [Float]) -> [Float] {
        var image = pixels
        var scratch = [Float](repeating: 0, count: pixels.count)
        image.withUnsafeMutableBufferPointer { transform.apply(to: $0, scratch: &scratch) }
        return image
    }

    private let grid: [Float] = [1, 2, 3, 4, 5, 6, 7, 8, 9]  // 3×3, row-major

    func testQuarterTurnMovesEveryPixelExactly() {
        let turned = run(ImageTransform(flip: false, dx: 0, dy: 0, radians: .pi / 2, channels: 1, height: 3, width: 3), grid)
        for (got, want) in zip(turned, [7, 4, 1, 8, 5, 2, 9, 6, 3] as [Float]) { XCTAssertEqual(got, want, accuracy: 1e-5) }
    }

    func testShiftMovesRightAndDownFillingZeros() {
        let shifted = run(ImageTransform(flip: false, dx: 1, dy: 1, radians: 0, channels: 1, height: 3, width: 3), grid)
        XCTAssertEqual(shifted, [0, 0, 0, 0, 1, 2, 0, 4, 5])
    }

    func testFlipThenShiftOnTwoChannels() {
        let twoChannels = grid + grid.map { $0 * 10 }
        let moved = run(ImageTransform(flip: true, dx: -1, dy: 0, radians: 0, channels: 2, height: 3, width: 3), twoChannels)
        XCTAssertEqual(moved, [2, 1, 0, 5, 4, 0, 8, 7, 0, 20, 10, 0, 50, 40, 0, 80, 70, 0])
    }
}
