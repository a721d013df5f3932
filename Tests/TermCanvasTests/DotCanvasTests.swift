import XCTest
@testable import TermCanvas

final class DotCanvasTests: XCTestCase {
    func testBrailleDotsFollowTheUnicodeLayout() {
        var canvas = DotCanvas(columns: 2, rows: 1)
        canvas.set(x: 0, y: 0, style: .plain)  // dot 1
        canvas.set(x: 1, y: 3, style: .plain)  // dot 8
        canvas.set(x: 2, y: 1, style: .plain)  // second cell, dot 2
        var buffer = CellBuffer(width: 2, height: 1)
        canvas.draw(into: &buffer, x: 0, y: 0, glyphs: .braille)
        XCTAssertEqual(buffer.lines, ["\u{2881}\u{2802}"])
    }

    func testFallbacksForTerminalsWithoutBraille() {
        var canvas = DotCanvas(columns: 3, rows: 1)
        canvas.set(x: 0, y: 0, style: .plain)
        canvas.set(x: 2, y: 3, style: .plain)
        canvas.verticalLine(x: 4, y0: 0, y1: 3, style: .plain)
        var blocks = CellBuffer(width: 3, height: 1)
        canvas.draw(into: &blocks, x: 0, y: 0, glyphs: .block)
        XCTAssertEqual(blocks.lines, ["▘▖▌"])
        var ascii = CellBuffer(width: 3, height: 1)
        canvas.draw(into: &ascii, x: 0, y: 0, glyphs: .ascii)
        XCTAssertEqual(ascii.lines, ["'.:"])
    }

    func testLineConnectsBothEnds() {
        var canvas = DotCanvas(columns: 4, rows: 1)
        canvas.line(from: (0, 3), to: (7, 0), style: .plain)
        var buffer = CellBuffer(width: 4, height: 1)
        canvas.draw(into: &buffer, x: 0, y: 0, glyphs: .ascii)
        XCTAssertEqual(buffer.lines, ["..''"])
    }
}

final class DotCanvasClippingTests: XCTestCase {
    func testLinesFarOffTheCanvasAreClippedNotWalked() {
        var canvas = DotCanvas(columns: 2, rows: 1)
        canvas.line(from: (0, -900_000_000), to: (3, 900_000_000), style: .plain)
        canvas.line(from: (-5, -5), to: (-1, -1), style: .plain)
        var buffer = CellBuffer(width: 2, height: 1)
        canvas.draw(into: &buffer, x: 0, y: 0, glyphs: .ascii)
        XCTAssertEqual(buffer.lines, [" :"])
    }
}
