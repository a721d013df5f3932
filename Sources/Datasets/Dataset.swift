import Engine

/// A labelled classification dataset held in memory: one row of `features` per example.
///
/// Shape legend: `N` examples, then the per-example `featureShape` (`[F]` for tabular data,
/// `[C, H, W]` for images). Labels are class ids in `0..<classCount`.
public struct Dataset: Sendable, CustomStringConvertible {
    /// Shown in the dashboard header and recorded in the run config.
    public var name: String
    /// `[N, ...featureShape]`, row-major, one example per leading index.
    public var features: Tensor
    /// One class id per example, each in `0..<classCount`.
    public var labels: [Int]
    /// Number of classes (the width of the model's output layer).
    public var classCount: Int
    /// Human-readable class names, index = class id; nil when the ids are the names.
    public var classNames: [String]?

    /// The shape of one example: `features.shape` without the leading `N`.
    public var featureShape: [Int] { Array(features.shape.dropFirst()) }
    /// Number of examples `N`.
    public var count: Int { labels.count }
    /// Elements per example (the product of `featureShape`).
    public var featuresPerExample: Int { featureShape.reduce(1, *) }

    /// Checks that the features hold one row per label and every label is a valid class id,
    /// so later code can index without re-checking.
    public init(name: String, features: Tensor, labels: [Int], classCount: Int, classNames: [String]? = nil) throws {
        let context = "Dataset \(name)"
        guard features.shape.count >= 1, features.shape[0] == labels.count else {
            throw DatasetError.invalidArgument(
                context: context,
                detail: "features of shape \(features.shape) need a leading dimension equal to the \(labels.count) labels")
        }
        guard classCount >= 1 else {
            throw DatasetError.invalidArgument(context: context, detail: "class count \(classCount) must be at least 1")
        }
        if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= classCount }) {
            throw DatasetError.invalidArgument(
                context: context, detail: "label \(labels[bad]) of example \(bad) is outside 0..<\(classCount)")
        }
        if let classNames, classNames.count != classCount {
            throw DatasetError.invalidArgument(
                context: context, detail: "\(classNames.count) class names for \(classCount) classes")
        }
        self.name = name
        self.features = features
        self.labels = labels
        self.classCount = classCount
        self.classNames = classNames
    }

    /// One line for logs and the run config: `digits: 1797 × [64], 10 classes`.
    public var description: String {
        "\(name): \(count) × \(featureShape), \(classCount) classes"
    }

    /// Examples per class, index = class id (for stratification, class weights, the UI).
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[label] += 1 }
        return counts
    }
}
