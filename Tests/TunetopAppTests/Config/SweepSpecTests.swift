import XCTest
@testable import TunetopApp

final class SweepSpecTests: XCTestCase {
    func testGridExpandsEveryCombinationFirstKeySlowest() throws {
        let spec = try SweepSpec.parse(
            """
            base = "digits-mlp.toml"
            [params]
            "optimizer.kind" = ["sgd", "adam"]
            [params.optimizer]
            learning_rate = [0.1, 0.01, 0.001]
            """, source: "grid.toml", directory: "/configs")
        XCTAssertEqual(spec.basePath, "/configs/digits-mlp.toml")
        XCTAssertEqual(spec.trialCount, 6)
        let trials = spec.trials().map { $0.map { "\($0.key)=\($0.value)" } }
        XCTAssertEqual(trials.count, 6)
        XCTAssertEqual(trials[0], [#"optimizer.kind="sgd""#, "optimizer.learning_rate=0.1"])
        XCTAssertEqual(trials[5], [#"optimizer.kind="adam""#, "optimizer.learning_rate=0.001"])
        for trial in spec.trials() {
            XCTAssertNoThrow(try RunConfig.default.applying(overrides: trial))
        }
    }

    func testRandomIsSeededAndLogUniformStaysInRange() throws {
        let text = """
            base = "base.toml"
            method = "random"
            trials = 200
            seed = 3
            [params]
            "optimizer.learning_rate" = { min = 1e-4, max = 1e-1, log = true }
            batch_size = { min = 16, max = 128 }
            "optimizer.kind" = ["sgd", "adam"]
            """
        let spec = try SweepSpec.parse(text, source: "r.toml", directory: "/x")
        let trials = spec.trials()
        XCTAssertEqual(trials.count, 200)
        XCTAssertEqual(trials.map { $0.map(\.value) }, try SweepSpec.parse(text, source: "r.toml", directory: "/x").trials().map { $0.map(\.value) })
        let rates = trials.map { Double($0[0].value)! }
        XCTAssertTrue(rates.allSatisfy { $0 >= 1e-4 && $0 <= 1e-1 }, "\(rates.filter { $0 < 1e-4 || $0 > 1e-1 })")
        // Log-uniform: about a third of the draws in each decade, far from uniform's 0.1%.
        let lowestDecade = rates.filter { $0 < 1e-3 }.count
        XCTAssertTrue((40...95).contains(lowestDecade), "\(lowestDecade) of 200 in [1e-4, 1e-3)")
        let sizes = trials.map { Int($0[1].value)! }
        XCTAssertTrue(sizes.allSatisfy { (16...128).contains($0) })
        XCTAssertEqual(Set(trials.map { $0[2].value }), [#""sgd""#, #""adam""#])
        let reseeded = try SweepSpec.parse(text.replacingOccurrences(of: "seed = 3", with: "seed = 4"), source: "r.toml", directory: "/x")
        XCTAssertNotEqual(reseeded.trials().map { $0.map(\.value) }, trials.map { $0.map(\.value) })
    }

    func testSweepMistakesNameTheLine() {
        func message(_ text: String) -> String {
            do {
                let spec = try SweepSpec.parse(text, source: "s.toml", directory: "/")
                try spec.validate(base: .default)
                return "no error"
            } catch { return "\(error)" }
        }
        XCTAssertEqual(
            message("base = \"b.toml\"\n[params]\nlr = { min = 1e-4, max = 1e-2 }\n"),
            #"s.toml:3: key 'params.lr' is a range, which needs method = "random"; a grid takes a list [a, b, …]"#)
        XCTAssertEqual(
            message("base = \"b.toml\"\nmethod = \"random\"\ntrials = 2\n[params]\nx = { min = 0.0, max = 1, log = true }\n"),
            "s.toml:5: key 'params.x.min' must be > 0 for a log-uniform range (got 0.0)")
        XCTAssertEqual(
            message("base = \"b.toml\"\n[params]\n\"optimizer.lerning_rate\" = [0.1]\n"),
            "s.toml:3: key 'optimizer.lerning_rate' is unknown for optimizer kind 'adam'; did you mean 'learning_rate'?")
        XCTAssertEqual(
            message("base = \"b.toml\"\n[params]\n\"optimizer.learning_rate\" = [0.1, -1]\n"),
            "s.toml:3: key 'optimizer.learning_rate' must be > 0.0 (got -1)")
    }

    func testSampleSweepExpandsAgainstItsBase() throws {
        let spec = try SweepSpec.load(path: ConfigFixture.sampleData.appendingPathComponent("configs/sweep-digits.toml").path)
        let base = try RunConfig.load(path: spec.basePath)
        try spec.validate(base: base)
        XCTAssertGreaterThanOrEqual(spec.trials().count, 2)
        for trial in spec.trials() { XCTAssertNoThrow(try RunConfig.load(path: spec.basePath, overrides: trial)) }
    }

    func testLeaderboardRanksByValidationLoss() {
        let table = Leaderboard.render([
            LeaderboardEntry(trial: 1, parameters: [("optimizer.kind", #""sgd""#)], bestValLoss: 0.31, bestValAccuracy: 0.9,
                             endReason: "completed", steps: 900),
            LeaderboardEntry(trial: 2, parameters: [("optimizer.kind", #""adam""#)], bestValLoss: 0.12, bestValAccuracy: 0.965,
                             endReason: "early_stop", steps: 640),
            LeaderboardEntry(trial: 3, parameters: [("optimizer.kind", #""rmsprop""#)]),
        ])
        XCTAssertEqual(
            table.split(separator: "\n").map(String.init),
            [
                "RANK  TRIAL  PARAMS        BEST VAL LOSS  BEST VAL ACC  END         STEPS",
                "1     2      kind=adam     0.1200         96.50%        early_stop  640",
                "2     1      kind=sgd      0.3100         90.00%        completed   900",
                "-     3      kind=rmsprop  -              -             running     0",
            ])
    }

    func testLeaderboardParametersAreShortButUnambiguous() {
        XCTAssertEqual(
            Leaderboard.parameters([("optimizer.learning_rate", "0.0012345678"), ("batch_size", "64")]),
            "learning_rate=0.00123 batch_size=64")
        XCTAssertEqual(
            Leaderboard.parameters([("model.layers[0].units", "128"), ("model.layers[2].units", "64"), ("optimizer.kind", #""sgd""#)]),
            "model.layers[0].units=128 model.layers[2].units=64 kind=sgd", "same last component: full keys")
    }
}
