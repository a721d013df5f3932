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
        let catalog = ThemeCatalog(directory: directory)
        let (themes, problems) = (catalog.themes, catalog.problems)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(themes.map(\.name), ["dark", "high-contrast", "light", "monochrome"])
        XCTAssertEqual(themes[0], Theme.dark)
    }

    func testMissingDirectoryStillGivesTheDefault() {
        let themes = ThemeCatalog(directory: URL(fileURLWithPath: "/nonexistent/themes")).themes
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

final class ThemeCatalogTests: XCTestCase {
    /// A folder where a file's stem differs from the name inside it, plus a broken file.
    private func folder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "name = solarized\nbad = #dc322f\n".write(to: directory.appendingPathComponent("solar.theme"), atomically: true, encoding: .utf8)
        try "# fine\ngood = #12345\n".write(to: directory.appendingPathComponent("broken.theme"), atomically: true, encoding: .utf8)
        return directory
    }

    func testAThemeIsFoundByItsNameOrItsFileStem() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let catalog = ThemeCatalog(directory: directory)
        XCTAssertEqual(catalog.theme(named: "solarized")?.name, "solarized")
        XCTAssertEqual(catalog.theme(named: "solar")?.name, "solarized")
        XCTAssertEqual(catalog.theme(named: "default"), Theme.dark)
        XCTAssertEqual(catalog.theme(named: "dark"), Theme.dark, "the built-in dark theme when no file defines it")
        XCTAssertNil(catalog.theme(named: "broken"))
        XCTAssertNil(catalog.theme(named: "nonexistent"))
        XCTAssertEqual(catalog.choices, ["default", "dark", "solarized", "solar"])
        XCTAssertEqual(catalog.brokenFile(named: "broken")?.error.line, 2)
        XCTAssertEqual(catalog.problems.count, 1)
    }

    func testNoFolderGivesTheBuiltInDarkTheme() {
        let catalog = ThemeCatalog(directory: nil)
        XCTAssertEqual(catalog.themes, [Theme.dark])
        XCTAssertEqual(catalog.choices, ["default", "dark"])
    }
}
