import XCTest
@testable import TunetopApp

final class ConfigTOMLTests: XCTestCase {
    func testParsesTheTOMLForms() throws {
        let table = try TOMLParser.parse(
            """
            # comment
            title = "a \\"q\\" \\u00e9"   # trailing comment
            raw = 'C:\\path'
            ints = [1, -2, +3, 1_000, 0x1F, 0o17, 0b101]
            floats = [1e-3, -2.5, 3E2, 1_0.5, inf, -inf]
            yes = true
            point = { x = 1, y.z = "deep" }
            multi = \"\"\"
            line one
            line two\"\"\"
            nested = [
              [1, 2], # comment inside
              ["a"],
            ]
            [server.main]
            "quoted key" = 1
            [[model.layers]]
            kind = "dense"
            [[model.layers]]
            kind = "relu"
            """, source: "t.toml")
        XCTAssertEqual(table["title"]?.tomlText, #""a \"q\" é""#)
        XCTAssertEqual(table["raw"]?.tomlText, #""C:\\path""#)
        XCTAssertEqual(table["ints"]?.tomlText, "[1, -2, 3, 1000, 31, 15, 5]")
        XCTAssertEqual(table["floats"]?.tomlText, "[0.001, -2.5, 300.0, 10.5, inf, -inf]")
        XCTAssertEqual(table["yes"]?.tomlText, "true")
        XCTAssertEqual(table["point"]?.tomlText, #"{ x = 1, y = { z = "deep" } }"#)
        XCTAssertEqual(table["multi"]?.tomlText, #""line one\nline two""#)
        XCTAssertEqual(table["nested"]?.tomlText, #"[[1, 2], ["a"]]"#)
        XCTAssertEqual(table["server"]?.tomlText, #"{ main = { "quoted key" = 1 } }"#)
        XCTAssertEqual(table["model"]?.tomlText, #"{ layers = [{ kind = "dense" }, { kind = "relu" }] }"#)
        XCTAssertEqual(table["point"]?.origin.line, 7)
        guard case .table(let model)? = table["model"]?.kind, case .array(let layers)? = model["layers"]?.kind,
            case .table(let second) = layers[1].kind
        else { return XCTFail("model.layers is not an array of tables") }
        XCTAssertEqual(second["kind"]?.origin, ConfigOrigin(source: "t.toml", line: 20))
    }

    func testSyntaxErrorNamesTheLine() {
        XCTAssertEqual(
            ConfigFixture.error("epochs = 3\n\n[optimizer]\nlearning_rate 0.1\n"),
            "test.toml:4: invalid TOML: expected '=' after key 'learning_rate'")
        XCTAssertEqual(ConfigFixture.error("seed = 1\nname = \"open\n"), "test.toml:2: invalid TOML: unterminated string")
        XCTAssertEqual(
            ConfigFixture.error("[data]\ndataset = digits\n"),
            #"test.toml:2: invalid TOML: invalid value 'digits' (strings need quotes: "digits")"#)
        XCTAssertEqual(ConfigFixture.error("epochs = 01\n"), "test.toml:1: invalid TOML: invalid number '01'")
        XCTAssertEqual(ConfigFixture.error("epochs = 1\nepochs = 2\n"), "test.toml:2: invalid TOML: key 'epochs' is defined twice")
        XCTAssertEqual(ConfigFixture.error("[data]\n[data]\n"), "test.toml:2: invalid TOML: table [data] is defined twice")
        XCTAssertEqual(ConfigFixture.error("a = [1, 2\n"), "test.toml:2: invalid TOML: unterminated array")
    }
}
