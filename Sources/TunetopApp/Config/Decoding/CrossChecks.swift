/// Rules that involve more than one key: each names the key to change.
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
        if let data, config.data.normalization == .standardizePerChannel, !LayerSpec.takesImages(config.layers) {
            throw data.error(
                "normalization",
                "'standardize_per_channel' needs image input (a model starting with conv2d); use 'standardize' for flat features")
        }
    }

    private static func subtable(_ root: TableReader, _ key: String) -> TOMLTable {
        if case .table(let table)? = root.table[key]?.kind { return table }
        return TOMLTable()
    }
}
