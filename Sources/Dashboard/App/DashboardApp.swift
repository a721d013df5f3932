import Foundation
import Telemetry
import TermCanvas

/// The dashboard's loop: drain events, advance the clock, draw at most `refreshHz` frames
/// a second (only when something changed), and turn keys into commands or an exit.
/// Runs on the caller's thread, which must be the screen's thread.
public enum DashboardApp {
    /// Runs until the user quits, a signal arrives, or (with `exitWhenFinished`) the run ends.
    /// `pollEvents` is called only in `.live` and `.follow` modes (replay and compare carry
    /// their events); it must return at once, with whatever arrived since the last call.
    public static func run(_ mode: DashboardMode, screen: any Screen, options: DashboardOptions = DashboardOptions(),
                           pollEvents: () -> [Event], sendCommand: (Command) -> Void) -> ExitRequest {
        var state = DashboardState(mode: mode, options: options)
        let frameInterval = 1 / max(1, min(240, options.refreshHz))
        var lastFrame = -Double.infinity
        var dirty = true
        var lastSize: Size?
        while true {
            var effects: [DashboardEffect] = []
            let events = state.kind == .live || state.kind == .follow ? pollEvents() : []
            if !events.isEmpty {
                effects += state.update(.events(events))
                dirty = true
            }
            let now = monotonicSeconds()
            // Every loop ticks: the replay's clock and transient notices both run on it.
            let (position, notice) = (state.player?.position, state.notice)
            _ = state.update(.tick(now: now))
            if state.player?.position != position || state.notice != notice { dirty = true }
            if let exit = perform(effects, sendCommand) { return exit }

            let size = screen.size
            if size != lastSize { dirty = true }
            if dirty, now - lastFrame >= frameInterval {
                screen.present(DashboardView.render(state, size: size, glyphs: screen.glyphMode))
                lastFrame = now
                lastSize = size
                dirty = false
            }
            let wait = dirty ? max(1, Int((frameInterval - (monotonicSeconds() - lastFrame)) * 1000)) : Int(frameInterval * 1000)
            guard let key = screen.readKey(timeoutMilliseconds: wait) else { continue }
            dirty = true
            if let exit = perform(state.update(.key(key)), sendCommand) { return exit }
        }
    }

    /// Sends commands in order; returns the first exit request.
    private static func perform(_ effects: [DashboardEffect], _ sendCommand: (Command) -> Void) -> ExitRequest? {
        for effect in effects {
            switch effect {
            case .send(let command): sendCommand(command)
            case .exit(let request): return request
            }
        }
        return nil
    }

    private static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
