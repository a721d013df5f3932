import CursesBackend
import TermCanvas
import Foundation
import XCTest

/// Truecolour through ncurses: cells carry the theme's exact RGB and the backend passes it on
/// when terminfo describes direct colour (`COLORS` = 2^24, `RGB`). No direct-colour entry is
/// installed on the test machines, so one is compiled with `tic` into a temporary `TERMINFO`
/// (`xterm-256color` plus ncurses' `xterm-direct2` colour capabilities), and tmux's
/// `capture-pane -e` shows the SGR sequences the program sent.
final class TrueColorEndToEndTests: XCTestCase {
    private var terminfo: URL!

    /// `dark`'s accent (#5FD7FF, the run name) and header bar (#303A48) as SGR parameters.
    private let accent = "38;2;95;215;255"
    private let headerBackground = "48;2;48;58;72"

    override func setUpWithError() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/tic"), "tic is not installed")
        terminfo = try scratchDirectory("terminfo")
        // The same capabilities under two names: one named in TERM, one found through COLORTERM.
        for name in ["tunetop-direct", "xterm-direct"] {
            let source = terminfo.appendingPathComponent("\(name).src")
            try """
            \(name)|xterm-256color with direct colour (test entry),
            \tuse=xterm-256color,
            \tcolors#0x1000000, pairs#0x10000, RGB,
            \tsetaf=\\E[%?%p1%{8}%<%t3%p1%d%e38;2;%p1%{65536}%/%d;%p1%{256}%/%{255}%&%d;%p1%{255}%&%d%;m,
            \tsetab=\\E[%?%p1%{8}%<%t4%p1%d%e48;2;%p1%{65536}%/%d;%p1%{256}%/%{255}%&%d;%p1%{255}%&%d%;m,
            \tsetf@, setb@, initc@, oc@, ccc@,

            """.write(to: source, atomically: true, encoding: .utf8)
            let tic = Process()
            tic.executableURL = URL(fileURLWithPath: "/usr/bin/tic")
            tic.arguments = ["-x", "-o", terminfo.path, source.path]
            try tic.run()
            tic.waitUntilExit()
            XCTAssertEqual(tic.terminationStatus, 0, "tic \(name)")
        }
    }


    private func replay(_ environment: [String: String]) throws -> String {
        // The test runner's environment can carry NO_COLOR (it does under `swift test` here,
        // which turned every colour off); empty means unset, per no-color.org.
        var environment = environment
        environment["NO_COLOR"] = ""
        let fixture = BuiltBinary.repositoryRoot.appendingPathComponent("Tests/TelemetryTests/Fixtures/tensorboardx").path
        let session = try TmuxSession(command: [BuiltBinary.url.path, "replay", fixture, "--speed", "1000"],
                                      width: 100, height: 30, directory: BuiltBinary.repositoryRoot, environment: environment)
        try session.waitFor("the replay") { $0.contains("tensorboardx") && $0.contains("replay") }
        let escapes = try session.screen(escapes: true)
        try session.send("q")
        try session.waitFor("the replay to exit") { $0.contains("[exit 0]") }
        return escapes
    }

    func testDirectColourTerminfoGetsTheThemesExactRGB() throws {
        let screen = try replay(["TERM": "tunetop-direct", "TERMINFO": terminfo.path])
        XCTAssertTrue(screen.contains(accent), String(screen.prefix(600)))
        XCTAssertTrue(screen.contains(headerBackground), String(screen.prefix(600)))
    }

    func testColortermTruecolorUsesAnInstalledXtermDirectEntry() throws {
        let screen = try replay(["TERM": "xterm-256color", "COLORTERM": "truecolor", "TERMINFO": terminfo.path])
        XCTAssertTrue(screen.contains(accent), String(screen.prefix(600)))
    }

    func testWithoutADirectEntryColortermFallsBackTo256Colours() throws {
        // No TERMINFO: xterm-direct is not installed here (if it is, this checks nothing new).
        let installed = ["/usr/share/terminfo/x/xterm-direct", "/lib/terminfo/x/xterm-direct", "/etc/terminfo/x/xterm-direct"]
        try XCTSkipIf(installed.contains { FileManager.default.fileExists(atPath: $0) }, "xterm-direct is installed")
        let screen = try replay(["TERM": "xterm-256color", "COLORTERM": "truecolor"])
        XCTAssertFalse(screen.contains("38;2;"), String(screen.prefix(600)))
        XCTAssertTrue(screen.contains("38;5;"), "256-colour palette: \(screen.prefix(600))")
    }

    func testWhichEntryCOLORTERMSelects() {
        func entry(_ environment: [String: String], depth: ColorDepth? = nil) -> String? {
            CursesOptions(colorDepth: depth, environment: environment).directColorTerm
        }
        XCTAssertEqual(entry(["TERM": "xterm-256color", "COLORTERM": "truecolor"]), "xterm-direct")
        XCTAssertEqual(entry(["TERM": "xterm", "COLORTERM": "24bit"]), "xterm-direct")
        XCTAssertNil(entry(["TERM": "xterm-256color"]))
        XCTAssertNil(entry(["TERM": "xterm-direct", "COLORTERM": "truecolor"]), "already direct")
        XCTAssertNil(entry(["TERM": "screen-256color", "COLORTERM": "truecolor"]), "only xterm entries")
        XCTAssertNil(entry(["TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": "1"]))
        XCTAssertNil(entry(["TERM": "xterm-256color", "COLORTERM": "truecolor"], depth: .palette256), "a forced depth wins")
    }
}
