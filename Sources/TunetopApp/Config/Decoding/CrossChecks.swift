/// Rules that involve more than one key: each names the key to change. They catch here what
/// the run builder or the trainer would otherwise discover only when the run starts.
enum CrossChecks {
    static func run(_ config: RunConfig, root: TableReader, data: TableReader?) throws {
        if case .crossEntropy(_, let weights?) = config.loss {
            let loss = TableReader(table: subtable(root, "loss"), path: "loss", origin: root.origin)
            if config.data.classBalance == .weights {
                throw loss.error(
                    "class_weights", "conflicts with data.class_balance = \"weights\" (which computes them); keep one")
            }
            if let classes = config.data.knownClassCount, weights.count != classes {
                throw loss.error(
                    "class_weights", "has \(weights.count) weights but \(config.data.dataset.rawValue) has \(classes) classes")
            }
        }
        let takesImages = LayerSpec.takesImages(config.layers)
        if let data, config.data.normalization == .standardizePerChannel, !takesImages {
            throw data.error(
                "normalization",
                "'standardize_per_channel' needs image input (a model starting with conv2d); use 'standardize' for flat features")
        }
        if let data, config.data.classBalance == .weights, config.loss.name != .crossEntropy {
            throw data.error(
                "class_balance",
                "is 'weights', which scales the terms of loss 'cross_entropy', but the loss is '\(config.loss.name.rawValue)' "
                    + "(it takes no class weights); use 'oversample', or loss kind 'cross_entropy'")
        }
        if let data, config.data.augmentation.needsImages, !takesImages {
            try refuseGeometricAugmentation(config, data: data)
        }
    }

    /// Flip, crop, shift and rotation move pixels, so they need the data as images, which it
    /// is only when the model starts with an image layer (digits and MNIST are flat vectors
    /// otherwise, CSV always). Names the first such key written.
    private static func refuseGeometricAugmentation(_ config: RunConfig, data: TableReader) throws {
        let table = subtable(data, "augmentation")
        let augmentation = TableReader(table: table, path: data.qualified("augmentation"), origin: data.origin)
        let geometric = ["flip", "crop_padding", "max_shift", "max_rotation_degrees"]
        let key = table.entries.first { entry in
            guard geometric.contains(entry.key) else { return false }
            switch entry.value.kind {
            case .bool(let on): return on
            case .integer(let number): return number != 0
            case .float(let number): return number != 0
            default: return false
            }
        }?.key ?? "flip"
        let dataset = config.data.dataset
        let why: String
        if dataset == .csv {
            why = "a csv data set is flat feature vectors; only noise_std applies to it"
        } else {
            why = "the model starts with a \(config.layers[0].kindName) layer, so \(dataset.rawValue) is fed as flat vectors "
                + "\(config.data.inputShape(asImages: false)); start the model with an image layer (conv2d, …) or keep only noise_std"
        }
        throw augmentation.error(key, "needs images [channels, height, width], but \(why)")
    }

    private static func subtable(_ reader: TableReader, _ key: String) -> TOMLTable {
        if case .table(let table)? = reader.table[key]?.kind { return table }
        return TOMLTable()
    }
}
