/// Loaders, splits, normalization and augmentation (placeholder until the datasets work lands).
public enum DatasetsModule {}
