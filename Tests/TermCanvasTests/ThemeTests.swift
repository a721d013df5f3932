import XCTest
@testable import TermCanvas

final class ThemeTests: XCTestCase {
    func testMissingKeysFallBackToTheDefault() throws {
        let theme = try Theme.parse("name = mine\nbad = #010203 bold\n", name: "file")
        XCTAssertEqual(theme.name, "mine")
        XCTAssertEqual(theme.style(.bad), CellStyle(foreground: .rgb(1, 2, 3), attributes: .bold))
        XCTAssertEqual(theme.style(.good), Theme.dark.style(.good))
    }

    func testBackgroundAppliesToInheritedRoles() throws {
        let theme = try Theme.parse("background = #ffffff\n", name: "x")
        XCTAssertEqual(theme.style(.text).background, .rgb(255, 255, 255))
        XCTAssertEqual(theme.style(.header).background, Theme.dark.style(.header).background)
    }

    func testErrorsNameTheLine() {
        XCTAssertThrowsError(try Theme.parse("# c\ngood = #12345\n", name: "x")) { error in
            XCTAssertEqual((error as? Theme.ParseError)?.line, 2)
        }
        XCTAssertThrowsError(try Theme.parse("nonsense = #123456\n", name: "x"))
    }

    func testBundledThemesParseAndDarkMatchesTheBuiltIn() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes")
        let (themes, problems) = Theme.library(directory: directory)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(themes.map(\.name), ["dark", "high-contrast", "light", "monochrome"])
        XCTAssertEqual(themes[0], Theme.dark)
    }

    func testMissingDirectoryStillGivesTheDefault() {
        let (themes, _) = Theme.library(directory: URL(fileURLWithPath: "/nonexistent/themes"))
        XCTAssertEqual(themes.map(\.name), ["dark"])
    }
}

final class ThemeLocationTests: XCTestCase {
    func testFindsTheBundledFolderFromTheExecutable() {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let found = Theme.bundledDirectory(environment: [:], currentDirectory: "/",
                                           executablePath: root.appendingPathComponent(".build/release/tunetop").path)
        XCTAssertEqual(found?.standardizedFileURL.path, root.appendingPathComponent("themes").standardizedFileURL.path)
        XCTAssertNil(Theme.bundledDirectory(environment: [:], currentDirectory: "/", executablePath: "/usr/bin/x"))
    }
}
