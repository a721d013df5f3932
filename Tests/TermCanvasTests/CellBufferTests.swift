import XCTest
@testable import TermCanvas

final class CellBufferTests: XCTestCase {
    func testWriteClipsAtTheRightEdgeAndLinesTrimTrailingSpaces() {
        var buffer = CellBuffer(width: 6, height: 2)
        XCTAssertEqual(buffer.write("hello world", x: 2, y: 0, style: .plain), 4)
        buffer.write("ab", x: -1, y: 1, style: .plain)
        XCTAssertEqual(buffer.lines, ["  hell", "b"])
    }

    func testOutOfBoundsWritesAreDropped() {
        var buffer = CellBuffer(width: 2, height: 1)
        buffer[5, 5] = Cell("x")
        buffer.write("x", x: 0, y: 3, style: .plain)
        XCTAssertEqual(buffer.lines, [""])
    }
}

final class NumberLabelTests: XCTestCase {
    func testNiceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        XCTAssertEqual(NiceScale.niceStep(0.13), 0.2, accuracy: 1e-12)
        XCTAssertEqual(NiceScale.niceStep(3), 5)
        XCTAssertEqual(NiceScale.niceStep(7), 10)
        XCTAssertEqual(NiceScale.ticks(lower: 0, upper: 1, maxCount: 6), [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
    }

    func testLogTicksAreDecades() {
        XCTAssertEqual(NiceScale.logTicks(lower: 1e-4, upper: 1, maxCount: 5), [1e-4, 1e-3, 1e-2, 1e-1, 1])
        XCTAssertEqual(NiceScale.logTicks(lower: 0.1, upper: 1, maxCount: 6), [0.1, 0.2, 0.5, 1])
    }

    func testSILabels() {
        XCTAssertEqual(SIFormat.format(1234), "1.23k")
        XCTAssertEqual(SIFormat.format(2_500_000), "2.5M")
        XCTAssertEqual(SIFormat.format(0.35), "0.35")
        XCTAssertEqual(SIFormat.format(0.001), "1m")
        XCTAssertEqual(SIFormat.format(2e-5), "20µ")
        XCTAssertEqual(SIFormat.format(2e-5, ascii: true), "20u")
        XCTAssertEqual(SIFormat.format(-150), "-150")
        XCTAssertEqual(SIFormat.format(.nan), "NaN")
        XCTAssertEqual(SIFormat.format(3e300), "3e+300")
        XCTAssertEqual(SIFormat.duration(3725), "1h02m")
    }
}

final class ColorTests: XCTestCase {
    func testPaletteMapping() {
        XCTAssertEqual(TermColor.rgb(255, 0, 0).paletteIndex(at: .palette256), 196)
        XCTAssertEqual(TermColor.rgb(128, 128, 128).paletteIndex(at: .palette256), 244)
        XCTAssertEqual(TermColor.rgb(250, 10, 10).paletteIndex(at: .palette8), 1)
        XCTAssertEqual(TermColor.rgb(1, 2, 3).paletteIndex(at: .trueColor), 0x010203)
        XCTAssertNil(TermColor.rgb(1, 2, 3).paletteIndex(at: .none))
        XCTAssertNil(TermColor.terminalDefault.paletteIndex(at: .palette256))
    }

    func testNoColorWinsOverTheTerminal() {
        XCTAssertEqual(ColorDepth.detect(colors: 256, environment: ["NO_COLOR": "1"]), ColorDepth.none)
        XCTAssertEqual(ColorDepth.detect(colors: 256, environment: ["NO_COLOR": ""]), .palette256)
        XCTAssertEqual(ColorDepth.detect(colors: 8, environment: [:]), .palette8)
        XCTAssertEqual(ColorDepth.detect(colors: 0x100_0000, environment: [:]), .trueColor)
    }

    func testGlyphModeFollowsTheLocale() {
        XCTAssertEqual(GlyphMode.detect(environment: ["LANG": "C.UTF-8"]), .braille)
        XCTAssertEqual(GlyphMode.detect(environment: ["LANG": "en_US.UTF-8", "LC_ALL": "C"]), .ascii)
        XCTAssertEqual(GlyphMode.detect(environment: [:]), .ascii)
    }
}

final class ASCIIFallbackTests: XCTestCase {
    func testEveryGlyphBecomesASCII() {
        var buffer = CellBuffer(width: 12, height: 1)
        buffer.write("a×b·‖→█ñ", x: 0, y: 0, style: .plain)
        buffer.convertToASCII()
        XCTAssertEqual(buffer.lines, ["axb-|>#?"])
    }
}
