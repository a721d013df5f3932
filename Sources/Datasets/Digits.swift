import Engine

/// The bundled UCI optical digits (`sample-data/digits/digits.csv`): 1,797 images of 8×8
/// pixels valued 0…16, a `label` column of digits 0…9.
public enum Digits {
    /// Image side length in pixels.
    public static let side = 8

    /// Loads the CSV as `[N, 64]` rows, or as `[N, 1, 8, 8]` images for convolutional
    /// models. Always ten classes, even when a cut-down file lacks some digits.
    public static func load(path: String, asImages: Bool = false) throws -> Dataset {
        let table = try CSVLoader.load(path: path, labelColumn: "label")
        guard table.featureShape == [side * side] else {
            throw DatasetError.csv(
                file: path, line: 1, column: 1, expected: "\(side * side) pixel columns and a label",
                found: "\(table.featuresPerExample) feature columns")
        }
        guard table.classNames == nil, table.classCount <= 10 else {
            // Blank lines are rare in this file; the line is exact when there are none.
            let example = table.labels.firstIndex { $0 >= 10 } ?? 0
            throw DatasetError.csv(
                file: path, line: example + 2, column: side * side + 1, expected: "a digit label 0…9",
                found: table.classNames.map { "class names such as \"\($0[0])\"" } ?? "\(table.labels[example])")
        }
        let features = asImages ? try table.features.reshaped([table.count, 1, side, side]) : table.features
        return try Dataset(
            name: "digits", features: features, labels: table.labels, classCount: 10,
            classNames: (0..<10).map(String.init))
    }
}
