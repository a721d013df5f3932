/// `[data]`: which examples to train on and how they are prepared.
public struct DataSettings: Sendable, Equatable {
    /// The bundled data sets, or any CSV with a label column.
    public enum Dataset: String, ConfigChoice {
        case digits, mnist, csv
    }

    /// How input features are rescaled (statistics from the training split only).
    public enum Normalization: String, ConfigChoice {
        case none, standardize
        case standardizePerChannel = "standardize_per_channel"
        case unitRange = "unit_range"
        case symmetricRange = "symmetric_range"
    }

    /// How an imbalanced training split is compensated.
    public enum ClassBalance: String, ConfigChoice {
        case none, weights, oversample
    }

    /// The data set.
    public var dataset: Dataset = .digits
    /// A file (digits, csv) or directory (mnist); nil uses the bundled copy. Relative paths
    /// resolve against the working directory, then the bundled `sample-data/`.
    public var path: String?
    /// The CSV column holding the class label (csv only).
    public var labelColumn: String = "label"
    /// Whether the CSV starts with a header line (csv only).
    public var hasHeader: Bool = true
    /// The share of examples held out (stratified) for validation.
    public var validationFraction: Double = 0.2
    /// Use at most this many examples (0: all) — for quick experiments on MNIST.
    public var limit: Int = 0
    /// Feature scaling.
    public var normalization: Normalization = .standardize
    /// Class-imbalance handling.
    public var classBalance: ClassBalance = .none
    /// Random training-time transforms.
    public var augmentation = AugmentationSettings()

    /// The defaults: bundled digits, 20% validation, standardized.
    public init() {}

    /// Input features of the data set before the model, when known without reading it:
    /// flat vectors, or `[channels, height, width]` images.
    func inputShape(asImages: Bool) -> LayerShape {
        switch dataset {
        case .digits: return asImages ? .image(channels: 1, height: 8, width: 8) : .flat(64)
        case .mnist: return asImages ? .image(channels: 1, height: 28, width: 28) : .flat(784)
        case .csv: return .flat(nil)
        }
    }

    /// The number of classes, when known without reading the data.
    var knownClassCount: Int? {
        switch dataset {
        case .digits, .mnist: return 10
        case .csv: return nil
        }
    }
}

/// `[data.augmentation]`: random transforms of each training batch (never validation).
public struct AugmentationSettings: Sendable, Equatable {
    /// Mirror images left-right with probability 1/2.
    public var flip = false
    /// Pad by this many pixels, then crop back at a random offset.
    public var cropPadding = 0
    /// Shift by up to this many pixels in each direction.
    public var maxShift = 0
    /// Rotate by up to ± this many degrees.
    public var maxRotationDegrees = 0.0
    /// Add Gaussian noise of this standard deviation (after normalization).
    public var noiseStd = 0.0

    /// No augmentation.
    public init() {}

    /// Whether any transform needs images (everything except noise).
    var needsImages: Bool { flip || cropPadding > 0 || maxShift > 0 || maxRotationDegrees > 0 }
    /// Whether any transform is on.
    var isEnabled: Bool { needsImages || noiseStd > 0 }
}
