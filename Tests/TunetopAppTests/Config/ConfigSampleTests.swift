import XCTest
@testable import TunetopApp

final class ConfigSampleTests: XCTestCase {
    private var configFiles: [URL] {
        let folder = ConfigFixture.sampleData.appendingPathComponent("configs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".toml") && !$0.hasPrefix("sweep") }.sorted().map { folder.appendingPathComponent($0) }
    }

    func testEverySampleConfigParsesAndValidates() throws {
        XCTAssertGreaterThanOrEqual(configFiles.count, 4)
        for file in configFiles {
            let config = try RunConfig.load(path: file.path)
            XCTAssertEqual(try RunConfig.parse(config.renderTOML(), source: file.lastPathComponent), config, file.path)
        }
    }

    func testDigitsSampleIsTheDefault() throws {
        let file = ConfigFixture.sampleData.appendingPathComponent("configs/digits-mlp.toml")
        XCTAssertEqual(try RunConfig.load(path: file.path), RunConfig.default)
    }

    func testMissingFileIsOneLine() {
        XCTAssertThrowsError(try RunConfig.load(path: "/nonexistent/x.toml")) { error in
            XCTAssertEqual("\(error)", "/nonexistent/x.toml: no such config file")
        }
    }
}
