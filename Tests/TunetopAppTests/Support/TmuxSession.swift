import Foundation
import XCTest

/// Drives a program in a detached tmux session: type keys, read the screen. The
/// end-to-end dashboard tests use it exactly as a person at a terminal would.
final class TmuxSession {
    let name: String
    private let socket: String

    /// Starts `command` in a new session of `width`×`height` with a UTF-8, 256-colour terminal.
    init(command: [String], width: Int = 120, height: Int = 40, directory: URL, environment: [String: String] = [:]) throws {
        name = "tunetop-test-\(UUID().uuidString.prefix(8))"
        socket = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sock").path
        var env = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
        for (key, value) in environment { env[key] = value }
        let exports = env.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let shell = "cd \(Self.quote(directory.path)) && env \(exports) \(command.map(Self.quote).joined(separator: " ")); "
            + "echo \"[exit $?]\"; sleep 600"
        try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", shell])
    }

    /// The built `tunetop` with `arguments`, run from the repository root with its sample data.
    static func tunetop(_ arguments: [String], width: Int = 120, height: Int = 40) throws -> TmuxSession {
        try TmuxSession(
            command: [BuiltBinary.url.path] + arguments, width: width, height: height, directory: BuiltBinary.repositoryRoot,
            environment: ["TUNETOP_SAMPLE_DATA": BuiltBinary.repositoryRoot.appendingPathComponent("sample-data").path])
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }

    /// Whether tmux is installed here (the tests skip with a reason otherwise).
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Sends keys as tmux names them (`h`, `Enter`, `Up`, `C-c`).
    func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", name] + keys)
    }

    /// The visible screen as text; with `escapes`, with the SGR sequences of its colours
    /// and attributes too (`capture-pane -e`).
    func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p"] + (escapes ? ["-e"] : []) + ["-t", name])
    }

    /// Resizes the window (the program sees SIGWINCH).
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen until `predicate` holds; fails the test with the last screen otherwise.
    @discardableResult
    func waitFor(
        _ description: String, timeout: Double = 60, file: StaticString = #filePath, line: UInt = #line,
        _ predicate: (String) -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if predicate(last) { return last }
            usleep(100_000)
        }
        XCTFail("timed out waiting for \(description); screen was:\n\(last)", file: file, line: line)
        return last
    }

    /// Runs one tmux client command and returns its standard output.
    ///
    /// Spawned with `posix_spawn` and reaped with `waitpid`, not through Foundation's `Process`:
    /// `new-session` forks the tmux server, which inherits the descriptor `Process` watches for
    /// the child's exit, so `waitUntilExit` would wait for the server, i.e. forever.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = (["/usr/bin/tmux", "-S", socket] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, argv, environ)
        guard spawned == 0 else { throw TmuxFailure(message: "posix_spawn tmux: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    private static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

struct TmuxFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
