import Telemetry
import TermCanvas

/// A question the dashboard is waiting on.
enum Prompt: Sendable, Equatable {
    /// `s` pressed: stop early? y/n.
    case confirmStop
    /// `q` pressed while training live: stop it, keep it going headless, or cancel.
    case confirmQuit
}

/// A short message on the header's second row. Most stay until the next key; some (the
/// theme's name after `t`) go away by themselves `lifetime` seconds after they first show.
struct Notice: Sendable, Equatable {
    var text: String
    var role: ThemeRole = .warn
    /// Seconds the notice stays; nil keeps it until the next key.
    var lifetime: Double?
    /// When it goes, on the clock of `.tick` messages; set by the first tick after it appeared.
    var expires: Double?

    init(_ text: String, role: ThemeRole = .warn, lifetime: Double? = nil) {
        self.text = text
        self.role = role
        self.lifetime = lifetime
    }
}

/// The whole dashboard: the run(s) as events described them plus what the user chose to
/// see. `update` is its only mutator; `DashboardView.render` reads it and nothing else.
public struct DashboardState: Sendable {
    enum Kind: Sendable, Equatable { case live, follow, replay, compare }

    let kind: Kind
    var name: String
    var history: RunHistory
    /// The second run in compare mode.
    var other: RunHistory?
    var otherName: String?
    var player: ReplayPlayer?

    var themes: [Theme]
    var themeIndex = 0
    var smoothingIndex: Int
    var logY = false
    var windowIndex = 0
    var selectedLayer = 0
    var histogramKind: HistogramKind = .activations
    var showHelp = false
    var prompt: Prompt?
    /// `s` was confirmed: waiting for the run to end.
    var stopRequested = false
    /// A short message for the status line (e.g. "read-only: following a file").
    var notice: Notice?
    /// The time of the last `.tick` (seconds, any epoch): what transient notices expire by.
    var clock: Double?
    let exitWhenFinished: Bool

    /// Smoothing weights `[` and `]` step through (TensorBoard's default is 0.6).
    static let smoothingSteps: [Double] = [0, 0.3, 0.6, 0.8, 0.9, 0.95, 0.99]
    /// Time windows `z` cycles through: all steps, then the last N.
    static let windows: [Int?] = [nil, 100_000, 10_000, 1_000, 100]
    /// How long the theme's name shows after `t`.
    static let themeNoticeSeconds = 3.0

    /// The state for a mode before any event.
    public init(mode: DashboardMode, options: DashboardOptions) {
        let smoothingIndex = Self.smoothingSteps.enumerated()
            .min { abs($0.element - options.smoothing) < abs($1.element - options.smoothing) }?.offset ?? 2
        let weight = Self.smoothingSteps[smoothingIndex]
        self.smoothingIndex = smoothingIndex
        var themes = options.themes
        if let index = themes.firstIndex(where: { $0.name == options.theme.name }) {
            themes[index] = options.theme
        } else {
            themes.insert(options.theme, at: 0)
        }
        self.themes = themes
        themeIndex = themes.firstIndex { $0.name == options.theme.name } ?? 0
        exitWhenFinished = options.exitWhenFinished
        history = RunHistory(smoothing: weight)
        switch mode {
        case .live(let name):
            kind = .live
            self.name = name
        case .follow(let name):
            kind = .follow
            self.name = name
        case .replay(let events, let name):
            kind = .replay
            self.name = name
            player = ReplayPlayer(events: events, speed: options.replaySpeed)
        case .compare(let a, let b, let nameA, let nameB):
            kind = .compare
            name = nameA
            otherName = nameB
            history.apply(a)
            var second = RunHistory(smoothing: weight)
            second.apply(b)
            other = second
        }
    }

    var theme: Theme { themes[themeIndex] }
    var smoothing: Double { Self.smoothingSteps[smoothingIndex] }
    var window: Int? { Self.windows[windowIndex] }

    var modeSet: ModeSet {
        switch kind {
        case .live: return .live
        case .follow: return .follow
        case .replay: return .replay
        case .compare: return .compare
        }
    }

    /// The selected layer's name, if any layer has reported.
    var selectedLayerName: String? {
        history.layerNames.indices.contains(selectedLayer) ? history.layerNames[selectedLayer] : nil
    }

    /// Where "all" starts: step 0, unless the charts' data starts late in the run (a file
    /// followed or replayed from the middle), where starting at 0 would waste the width.
    var firstStep: Int {
        let firsts = [history.trainLoss, history.valLoss, history.learningRate, other?.trainLoss, other?.valLoss]
            .compactMap { $0?.steps.first }
        let first = firsts.min() ?? 0
        return first > max(history.lastStep, other?.lastStep ?? 0) / 10 ? first : 0
    }

    /// The step range the charts show: the window's last N steps, or all.
    var visibleSteps: ClosedRange<Int> {
        let last = max(history.lastStep, other?.lastStep ?? 0, 1)
        let first = min(firstStep, last - 1)
        guard let window, window < last - first else { return first...last }
        return (last - window)...last
    }
}
