/// Reads `[data]` and `[data.augmentation]`.
enum DataDecoder {
    /// The options only `dataset = "csv"` takes (dropped when `--set data.dataset=…` leaves csv).
    static let csvOptions: Set<String> = ["label_column", "has_header"]

    static func decode(_ reader: TableReader) throws -> DataSettings {
        var data = DataSettings()
        data.dataset = try reader.choice("dataset", default: data.dataset)
        data.path = try reader.optionalString("path")
        if data.dataset == .csv {
            _ = reader.require("path", "is required when dataset = \"csv\" (a CSV file with a label column)")
            data.labelColumn = try reader.string("label_column", default: data.labelColumn)
            data.hasHeader = try reader.bool("has_header", default: data.hasHeader)
        }
        data.validationFraction = try reader.double("validation_fraction", default: data.validationFraction, .between(0, 1))
        data.limit = try reader.int("limit", default: data.limit, .atLeast(0))
        data.normalization = try reader.choice("normalization", default: data.normalization)
        data.classBalance = try reader.choice("class_balance", default: data.classBalance)
        if let augmentation = try reader.subtable("augmentation") {
            // Whether the data are images depends on the model too: `CrossChecks` decides.
            data.augmentation = try decodeAugmentation(augmentation)
        }
        try reader.rejectUnknownKeys(
            context: data.dataset == .csv ? nil : "dataset '\(data.dataset.rawValue)'", otherKindsOptions: csvOptions,
            kindKey: "dataset")
        return data
    }

    private static func decodeAugmentation(_ reader: TableReader) throws -> AugmentationSettings {
        var augmentation = AugmentationSettings()
        augmentation.flip = try reader.bool("flip", default: false)
        augmentation.cropPadding = try reader.int("crop_padding", default: 0, .atLeast(0))
        augmentation.maxShift = try reader.int("max_shift", default: 0, .atLeast(0))
        augmentation.maxRotationDegrees = try reader.double("max_rotation_degrees", default: 0, .within(0, 180))
        augmentation.noiseStd = try reader.double("noise_std", default: 0, .atLeast(0))
        try reader.rejectUnknownKeys()
        return augmentation
    }
}
