import Telemetry
import TermCanvas

/// Dashboard state, update and view (placeholder until the dashboard work lands).
public enum DashboardModule {}
