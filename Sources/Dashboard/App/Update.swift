import Telemetry
import TermCanvas

extension DashboardState {
    /// The one mutator: applies a message and returns the effects it asks for.
    public mutating func update(_ message: DashboardMessage) -> [DashboardEffect] {
        switch message {
        case .events(let events):
            guard !events.isEmpty else { return [] }
            history.apply(events)
            clampSelection()
            if history.isFinished, stopRequested { notice = nil }
            return finishedEffects()
        case .tick(let now):
            clock = now
            if var current = notice, let lifetime = current.lifetime {
                let expires = current.expires ?? now + lifetime
                current.expires = expires
                notice = now >= expires ? nil : current
            }
            guard var player else { return [] }
            let due = player.tick(now: now)
            self.player = player
            if !due.isEmpty {
                history.apply(due)
                clampSelection()
            }
            return []
        case .key(let key):
            return handle(key)
        }
    }

    /// With `exitWhenFinished`, or after a confirmed stop, a finished live run ends the dashboard.
    private func finishedEffects() -> [DashboardEffect] {
        // A confirmed `s` means "end this run": the process exits once the run has.
        guard kind == .live, exitWhenFinished || stopRequested, history.isFinished else { return [] }
        return [.exit(.runEnded)]
    }

    private mutating func handle(_ key: Key) -> [DashboardEffect] {
        if case .signal(let number) = key { return [.exit(.signal(number))] }
        if key == .resize { return [] }
        if let prompt { return answer(prompt, key) }
        if showHelp {
            // Any key closes the overlay; q still quits so a lost user can always leave.
            showHelp = false
            if key != .character("q") { return [] }
        }
        notice = nil
        guard let action = KeyTable.action(for: key, in: modeSet) else {
            if kind != .live, let steering = KeyTable.action(for: key, in: .live), steering != .quit {
                notice = Notice(kind == .replay ? "replay: steering keys are off" : "read-only: steering keys are off")
            }
            return []
        }
        return perform(action)
    }

    private mutating func answer(_ prompt: Prompt, _ key: Key) -> [DashboardEffect] {
        switch (prompt, key) {
        case (.confirmStop, .character("y")), (.confirmStop, .character("s")), (.confirmStop, .enter):
            self.prompt = nil
            stopRequested = true
            notice = Notice("stopping: waiting for the run to end")
            return [.send(.stopEarly)]
        case (.confirmQuit, .character("s")), (.confirmQuit, .character("y")):
            self.prompt = nil
            stopRequested = true
            return [.send(.stopEarly), .exit(.stopTraining)]
        case (.confirmQuit, .character("k")), (.confirmQuit, .character("h")):
            self.prompt = nil
            return [.exit(.keepTrainingHeadless)]
        default:
            self.prompt = nil
            notice = Notice("cancelled")
            return []
        }
    }

    private mutating func perform(_ action: DashboardAction) -> [DashboardEffect] {
        switch action {
        case .halveLearningRate: return steer(.scaleLearningRate(0.5))
        case .doubleLearningRate: return steer(.scaleLearningRate(2))
        case .divideLearningRateByFive: return steer(.scaleLearningRate(0.2))
        case .togglePause: return steer(history.trainerState == "paused" ? .resume : .pause)
        case .checkpoint: return steer(.checkpoint)
        case .rollbackToBest: return steer(.rollbackToBest)
        case .stopEarly:
            guard !history.isFinished else { return [] }
            prompt = .confirmStop
            return []
        case .quit:
            if kind == .live && !history.isFinished {
                prompt = .confirmQuit
                return []
            }
            return [.exit(stopRequested ? .stopTraining : .quit)]
        case .selectPreviousLayer:
            selectedLayer = max(0, selectedLayer - 1)
        case .selectNextLayer:
            selectedLayer = min(max(0, history.layerNames.count - 1), selectedLayer + 1)
        case .showActivations: histogramKind = .activations
        case .showGradients: histogramKind = .gradients
        case .showWeights: histogramKind = .weights
        case .toggleLogY: logY.toggle()
        case .smoothLess: setSmoothingIndex(smoothingIndex - 1)
        case .smoothMore: setSmoothingIndex(smoothingIndex + 1)
        case .cycleWindow:
            // Skip windows as long as the run itself: they would look the same as "all".
            repeat {
                windowIndex = (windowIndex + 1) % Self.windows.count
            } while windowIndex != 0 && (window ?? 0) >= history.lastStep - firstStep
        case .nextTheme:
            themeIndex = (themeIndex + 1) % themes.count
            var shown = Notice("theme \(theme.name)", role: .accent, lifetime: Self.themeNoticeSeconds)
            shown.expires = clock.map { $0 + Self.themeNoticeSeconds }
            notice = shown
        case .toggleHelp: showHelp.toggle()
        case .playPause: player?.playing.toggle()
        case .slower: player?.slower()
        case .faster: player?.faster()
        case .seekBackward, .seekForward:
            guard let player else { return [] }
            let distance = max(1, player.lastStep / 20)
            let target = player.currentStep + (action == .seekForward ? distance : -distance - 1)
            seek { $0.seek(toStep: target) }
        case .seekStart: seek { $0.move(to: 0) }
        case .seekEnd: seek { $0.move(to: $0.events.count) }
        case .nextControlEvent:
            seek { $0.seekNextControl() ?? (false, []) }
        }
        return []
    }

    /// A steering command, only while the run is still going.
    private mutating func steer(_ command: Command) -> [DashboardEffect] {
        guard !history.isFinished else {
            notice = Notice("the run has ended")
            return []
        }
        return [.send(command)]
    }

    private mutating func setSmoothingIndex(_ index: Int) {
        let clamped = min(Self.smoothingSteps.count - 1, max(0, index))
        guard clamped != smoothingIndex else { return }
        smoothingIndex = clamped
        history.setSmoothing(smoothing)
        if var other {
            other.setSmoothing(smoothing)
            self.other = other
        }
    }

    private mutating func seek(_ move: (inout ReplayPlayer) -> (rebuild: Bool, apply: ArraySlice<Event>)) {
        guard var player else { return }
        let (rebuild, events) = move(&player)
        self.player = player
        if rebuild { history = RunHistory(smoothing: smoothing) }
        history.apply(events)
        clampSelection()
    }

    private mutating func clampSelection() {
        selectedLayer = min(selectedLayer, max(0, history.layerNames.count - 1))
    }
}
