/// Cells, buffers, widgets (placeholder until the dashboard work lands).
public enum TermCanvasModule {}
