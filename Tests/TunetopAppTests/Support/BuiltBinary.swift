import Foundation
import XCTest

/// Runs the real `tunetop` binary that `swift test` built next to the test bundle.
enum BuiltBinary {
    /// `.build/<triple>/<config>/tunetop`, beside `tunetopPackageTests.xctest`.
    static var url: URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        var directory = testBinary.deletingLastPathComponent()
        if directory.lastPathComponent.hasSuffix(".xctest") { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("tunetop")
    }

    /// The repository root (for sample-data), from this file's location.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// What a finished process left.
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary with `arguments` in `directory`, killing it after `timeout` seconds.
    static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], timeout: Double = 120
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? repositoryRoot
        var env = ProcessInfo.processInfo.environment
        env["TUNETOP_SAMPLE_DATA"] = repositoryRoot.appendingPathComponent("sample-data").path
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let stdoutFile = FileManager.default.temporaryDirectory.appendingPathComponent("tunetop-out-\(UUID().uuidString)")
        let stderrFile = FileManager.default.temporaryDirectory.appendingPathComponent("tunetop-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: stdoutFile)
            try? FileManager.default.removeItem(at: stderrFile)
        }
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            XCTFail("tunetop \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
        }
        process.waitUntilExit()
        let out = (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
        return Outcome(status: process.terminationStatus, stdout: out, stderr: err)
    }

    /// Writes a grid sweep over the bundled digits MLP with one `[params]` line; returns its URL.
    static func writeGridSweep(_ file: URL, _ parameter: String) throws -> URL {
        let base = repositoryRoot.appendingPathComponent("sample-data/configs/digits-mlp.toml").path
        try "base = \"\(base)\"\nmethod = \"grid\"\n[params]\n\(parameter)\n".write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// A fresh temporary directory, removed by the caller's teardown if wanted.
    static func temporaryDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tunetop-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension XCTestCase {
    /// A fresh temporary directory removed when the current test ends (the end-to-end tests'
    /// runs and scratch files).
    func scratchDirectory(_ label: String) throws -> URL {
        let url = try BuiltBinary.temporaryDirectory(label)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
