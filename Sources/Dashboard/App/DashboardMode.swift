import Telemetry

/// What the dashboard is showing, which decides the keys it honours.
public enum DashboardMode: Sendable {
    /// A run training in this process: events arrive through `pollEvents`, steering keys
    /// go out through `sendCommand`.
    case live(name: String)
    /// A saved run, played by the dashboard's own player (space, ←/→, `<`/`>`, `n`, Home/End).
    case replay(events: [Event], name: String)
    /// A file another process is writing: events arrive through `pollEvents`; read-only.
    case follow(name: String)
    /// Two saved runs' curves overlaid (`tunetop runs --compare`).
    case compare(a: [Event], b: [Event], nameA: String, nameB: String)
}

/// Why `DashboardApp.run` returned.
public enum ExitRequest: Sendable, Equatable {
    /// The user quit (a finished run, a replay, a followed file, or a comparison).
    case quit
    /// The user stopped training and left (`q` then `s`); `.stopEarly` was sent.
    case stopTraining
    /// The live run ended and the dashboard closed with it: with `exitWhenFinished`, or after
    /// a confirmed `s` (which means "end this run", not "leave": a sweep goes on to its next trial).
    case runEnded
    /// The user quit the screen but wants the live run to go on headless (`q` then `k`).
    case keepTrainingHeadless
    /// SIGINT, SIGTERM or SIGHUP arrived; the terminal is about to be restored.
    case signal(Int32)
}
