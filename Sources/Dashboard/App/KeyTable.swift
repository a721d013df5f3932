import TermCanvas

/// What a key does. `update` switches over these; the footer and help overlay list them.
enum DashboardAction: Sendable, Equatable, CaseIterable {
    case halveLearningRate, doubleLearningRate, divideLearningRateByFive
    case togglePause, checkpoint, stopEarly, rollbackToBest
    case selectPreviousLayer, selectNextLayer
    case showActivations, showGradients, showWeights
    case toggleLogY, smoothLess, smoothMore, cycleWindow, nextTheme
    case toggleHelp, quit
    case playPause, seekBackward, seekForward, slower, faster, nextControlEvent, seekStart, seekEnd
}

/// Which modes a binding applies in.
struct ModeSet: OptionSet, Sendable {
    let rawValue: UInt8
    static let live = ModeSet(rawValue: 1)
    static let follow = ModeSet(rawValue: 2)
    static let replay = ModeSet(rawValue: 4)
    static let compare = ModeSet(rawValue: 8)
    static let viewing: ModeSet = [.live, .follow, .replay]
    static let all: ModeSet = [.live, .follow, .replay, .compare]
}

/// One row of the key table: the keys, their label in the footer, the help text.
struct KeyBinding: Sendable {
    var keys: [Key]
    var label: String
    var help: String
    var action: DashboardAction
    var modes: ModeSet
    /// The footer's word for it; nil keeps it to the `?` overlay (the footer is one line).
    var footer: String?
    /// Its footer entry when the full line does not fit.
    var compact: CompactFooter = .same
}

/// A footer entry on a narrow line: unchanged, shorter, or folded into another binding's
/// entry (`h/H/d LR` stands for three keys).
enum CompactFooter: Sendable, Equatable {
    case same
    case entry(label: String, word: String)
    case folded
}

/// The key table: the single source for dispatch, the footer and the help overlay.
enum KeyTable {
    static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.character("h")], label: "h", help: "halve the learning rate", action: .halveLearningRate, modes: .live, footer: "LR/2",
                   compact: .entry(label: "h/H/d", word: "LR")),
        KeyBinding(keys: [.character("H")], label: "H", help: "double the learning rate", action: .doubleLearningRate, modes: .live, footer: "LR×2", compact: .folded),
        KeyBinding(keys: [.character("d")], label: "d", help: "divide the learning rate by 5", action: .divideLearningRateByFive, modes: .live, footer: "LR/5", compact: .folded),
        KeyBinding(keys: [.character("p")], label: "p", help: "pause / resume training", action: .togglePause, modes: .live, footer: "pause"),
        KeyBinding(keys: [.character("c")], label: "c", help: "save a checkpoint", action: .checkpoint, modes: .live, footer: "ckpt"),
        KeyBinding(keys: [.character("s")], label: "s", help: "stop early, keeping the best weights (asks first)", action: .stopEarly, modes: .live, footer: "stop"),
        KeyBinding(keys: [.character("b")], label: "b", help: "back to the best checkpoint with the LR halved", action: .rollbackToBest, modes: .live, footer: "best"),
        KeyBinding(keys: [.character(" ")], label: "space", help: "play / pause the replay", action: .playPause, modes: .replay, footer: "play"),
        KeyBinding(keys: [.left], label: "←/→", help: "seek backward", action: .seekBackward, modes: .replay, footer: "seek"),
        KeyBinding(keys: [.right], label: "→", help: "seek forward", action: .seekForward, modes: .replay, footer: nil),
        KeyBinding(keys: [.character("<")], label: "</>", help: "slower replay", action: .slower, modes: .replay, footer: "speed"),
        KeyBinding(keys: [.character(">")], label: ">", help: "faster replay", action: .faster, modes: .replay, footer: nil),
        KeyBinding(keys: [.character("n")], label: "n", help: "jump to the next control event", action: .nextControlEvent, modes: .replay, footer: "next event",
                   compact: .entry(label: "n", word: "next")),
        KeyBinding(keys: [.home], label: "Home", help: "jump to the start", action: .seekStart, modes: .replay, footer: nil),
        KeyBinding(keys: [.end], label: "End", help: "jump to the end", action: .seekEnd, modes: .replay, footer: nil),
        KeyBinding(keys: [.character("k"), .up], label: "j/k", help: "select the layer above", action: .selectPreviousLayer, modes: .viewing, footer: "layer"),
        KeyBinding(keys: [.character("j"), .down], label: "↓/j", help: "select the layer below", action: .selectNextLayer, modes: .viewing, footer: nil),
        KeyBinding(keys: [.character("a")], label: "a/g/w", help: "histogram of activations", action: .showActivations, modes: .viewing, footer: "hist"),
        KeyBinding(keys: [.character("g")], label: "g", help: "histogram of gradients", action: .showGradients, modes: .viewing, footer: nil),
        KeyBinding(keys: [.character("w")], label: "w", help: "histogram of weights", action: .showWeights, modes: .viewing, footer: nil),
        KeyBinding(keys: [.character("l")], label: "l", help: "log / linear loss axis", action: .toggleLogY, modes: .all, footer: "log"),
        KeyBinding(keys: [.character("[")], label: "[/]", help: "less smoothing", action: .smoothLess, modes: .all, footer: "smooth"),
        KeyBinding(keys: [.character("]")], label: "]", help: "more smoothing", action: .smoothMore, modes: .all, footer: nil),
        KeyBinding(keys: [.character("z")], label: "z", help: "time window: all / last N steps", action: .cycleWindow, modes: .all, footer: "window"),
        KeyBinding(keys: [.character("t")], label: "t", help: "next theme", action: .nextTheme, modes: .all, footer: "theme"),
        KeyBinding(keys: [.character("?")], label: "?", help: "this help", action: .toggleHelp, modes: .all, footer: "help"),
        KeyBinding(keys: [.character("q")], label: "q", help: "quit (while training live: stop it, or keep it going headless)", action: .quit, modes: .all, footer: "quit"),
    ]

    /// The action bound to `key` in `modes`, if any.
    static func action(for key: Key, in mode: ModeSet) -> DashboardAction? {
        bindings.first { $0.modes.contains(mode) && $0.keys.contains(key) }?.action
    }

    /// The bindings that apply in a mode.
    static func bindings(in mode: ModeSet) -> [KeyBinding] {
        bindings.filter { $0.modes.contains(mode) }
    }
}
