/// The trainer thread, probes and commands (placeholder until the training work lands).
public enum TrainingModule {}
