import TermCanvas

/// Settings the command line passes to the dashboard.
public struct DashboardOptions: Sendable {
    /// The theme to start with.
    public var theme: Theme
    /// Further themes that `t` cycles through (the start theme is added if missing).
    public var themes: [Theme]
    /// TensorBoard's smoothing weight for the train-loss curve, 0 (raw) ..< 1.
    public var smoothing: Double
    /// Frames per second at most; a slow terminal drops frames, never events.
    public var refreshHz: Double
    /// Return as soon as the run's `run/summary` arrives instead of waiting for `q`.
    public var exitWhenFinished: Bool
    /// Replay speed to start at (×1 plays the run at the pace it was recorded).
    public var replaySpeed: Double

    /// Creates options; the defaults suit an interactive session.
    public init(theme: Theme = .dark, smoothing: Double = 0.6, refreshHz: Double = 20, exitWhenFinished: Bool = false,
                themes: [Theme] = [], replaySpeed: Double = 1) {
        self.theme = theme
        self.themes = themes
        self.smoothing = smoothing
        self.refreshHz = refreshHz
        self.exitWhenFinished = exitWhenFinished
        self.replaySpeed = replaySpeed
    }
}
