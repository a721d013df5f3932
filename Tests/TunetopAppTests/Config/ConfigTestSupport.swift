import XCTest
@testable import TunetopApp

/// Helpers shared by the config tests.
enum ConfigFixture {
    /// The repository's `sample-data/` folder.
    static let sampleData = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sample-data")

    /// The one-line message a config's text fails with, or a test failure when it parses.
    static func error(
        _ text: String, overrides: [(key: String, value: String)] = [], file: StaticString = #filePath, line: UInt = #line
    ) -> String {
        do {
            let config = try RunConfig.parse(text, source: "test.toml", overrides: overrides)
            XCTFail("expected an error, parsed \(config)", file: file, line: line)
            return ""
        } catch let error as ConfigError {
            return error.description
        } catch {
            XCTFail("expected a ConfigError, got \(error)", file: file, line: line)
            return ""
        }
    }
}
