import Foundation
import XCTest

/// Config mistakes through the real binary: exit status 1, one line on stderr naming the
/// file, line and key, and nothing recorded (no run directory).
final class ValidationEndToEndTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = try scratchDirectory("validation")
    }


    private var runs: URL { scratch.appendingPathComponent("runs") }

    private func config(_ name: String, _ text: String) throws -> String {
        let url = scratch.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Runs `tunetop ARGS --runs RUNS` and checks the contract: status 1, exactly
    /// `tunetop: <expected>` on stderr, and no run directory.
    private func assertRefused(
        _ arguments: [String], _ expected: String, environment: [String: String] = [:],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let outcome = try BuiltBinary.run(arguments + ["--runs", runs.path], environment: environment)
        XCTAssertEqual(outcome.status, 1, outcome.stderr, file: file, line: line)
        XCTAssertEqual(outcome.stderr, "tunetop: \(expected)\n", file: file, line: line)
        let recorded = (try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? []
        XCTAssertEqual(recorded, [], "nothing may be recorded for a refused config", file: file, line: line)
    }

    func testFlipOnTheFlatDigitsMLPIsRefusedBeforeTheRunStarts() throws {
        let path = try config("flip.toml", "epochs = 1\n\n[data.augmentation]\nflip = true\n")
        try assertRefused(
            ["train", "--headless", path],
            "\(path):4: key 'data.augmentation.flip' needs images [channels, height, width], but the model starts with a "
                + "dense layer, so digits is fed as flat vectors [64]; start the model with an image layer (conv2d, …) or keep only noise_std")
    }

    func testUnknownThemeIsRefusedHeadlessToo() throws {
        let path = try config("theme.toml", "[dashboard]\ntheme = \"nonexistent\"\n")
        try assertRefused(
            ["train", "--headless", path],
            "\(path):2: key 'dashboard.theme' has unknown value 'nonexistent' (known: default, dark, high-contrast, light, monochrome)")
        try assertRefused(
            ["lr-find", "sample-data/configs/digits-mlp.toml", "--set", "dashboard.theme=drak"],
            "--set dashboard.theme=drak: key 'dashboard.theme' has unknown value 'drak'; did you mean 'dark'? "
                + "(known: default, dark, high-contrast, light, monochrome)")
    }

    /// `--theme` and `dashboard.theme` take the name inside a theme file or the file's stem.
    func testThemeByFileStemOrByName() throws {
        let themes = scratch.appendingPathComponent("themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try "name = solarized\n".write(to: themes.appendingPathComponent("solar.theme"), atomically: true, encoding: .utf8)
        let environment = ["TUNETOP_THEMES": themes.path]
        for word in ["solar", "solarized"] {
            let replay = try BuiltBinary.run(["replay", "--headless", "--theme", word, "no-such-run"], environment: environment)
            XCTAssertEqual(replay.stderr, "tunetop: no-such-run: no such run directory or tfevents file\n", "theme '\(word)' accepted")
            let path = try config("\(word).toml", "epochs = 1\n[dashboard]\ntheme = \"\(word)\"\n")
            let check = try BuiltBinary.run(
                ["train", "--headless", path, "--runs", runs.path, "--name", word], environment: environment)
            XCTAssertEqual(check.status, 0, check.stderr)
        }
        let bad = try BuiltBinary.run(["replay", "--headless", "--theme", "solarised", "no-such-run"], environment: environment)
        XCTAssertEqual(bad.status, 1)
        XCTAssertEqual(
            bad.stderr, "tunetop: theme 'solarised' not found; did you mean 'solarized'? (known: default, dark, solarized, solar)\n")
    }

    func testMisspeltLayerKeyGetsItsSuggestionBeforeTheMissingKey() throws {
        let path = try config(
            "unit.toml", "[[model.layers]]\nkind = \"dense\"\nunit = 32\n\n[[model.layers]]\nkind = \"dense\"\nunits = 10\n")
        try assertRefused(
            ["train", "--headless", path], "\(path):3: key 'model.layers[0].unit' is unknown for a dense layer; did you mean 'units'?")
    }

    func testOptimizerKindFromSetTrainsAndItsWrongOptionOnTheCommandLineIsRefused() throws {
        let trained = try BuiltBinary.run([
            "train", "--headless", "sample-data/configs/digits-mlp.toml", "--set", "optimizer.kind=sgd", "--epochs", "1",
            "--runs", runs.path, "--name", "sgd",
        ])
        XCTAssertEqual(trained.status, 0, trained.stderr)
        let saved = try String(contentsOf: runs.appendingPathComponent("sgd/config.toml"), encoding: .utf8)
        XCTAssertTrue(saved.contains("kind = \"sgd\""), saved)
        XCTAssertFalse(saved.contains("betas"), saved)
        try FileManager.default.removeItem(at: runs)

        try assertRefused(
            ["train", "--headless", "sample-data/configs/digits-mlp.toml", "--set", "optimizer.kind=sgd", "--set", "optimizer.betas=[0.8, 0.9]"],
            "--set optimizer.betas=[0.8, 0.9]: key 'optimizer.betas' is unknown for optimizer kind 'sgd'; it takes: learning_rate, momentum, nesterov")
    }

    func testRunsOfAFileIsOneLine() throws {
        let path = try config("file.toml", "epochs = 1\n")
        let outcome = try BuiltBinary.run(["runs", path])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertEqual(outcome.stderr, "tunetop: \(path): not a directory\n")
        XCTAssertEqual(outcome.stdout, "")
        let train = try BuiltBinary.run(["train", "--headless", "--epochs", "1", "--runs", path])
        XCTAssertEqual(train.status, 1)
        XCTAssertEqual(
            train.stderr, "tunetop: \(path): not a directory (--runs names the folder that holds run directories)\n")
    }
}
