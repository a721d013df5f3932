import CNCursesW
import TermCanvas

/// The ncurses screen (placeholder until the dashboard work lands).
public enum CursesBackendModule {}
