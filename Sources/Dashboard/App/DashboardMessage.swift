import Telemetry
import TermCanvas

/// Everything that can change the dashboard: keys, telemetry and the clock.
public enum DashboardMessage: Sendable {
    case key(Key)
    case events([Event])
    /// The clock advanced (seconds, any epoch): drives the replay player.
    case tick(now: Double)
}

/// What `update` asks the outside world to do.
public enum DashboardEffect: Sendable, Equatable {
    /// Send a steering command to the trainer.
    case send(Command)
    /// Leave the dashboard.
    case exit(ExitRequest)
}
