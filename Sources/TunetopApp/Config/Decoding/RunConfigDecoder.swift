/// Turns a parsed TOML document into a validated `RunConfig`: every key known, typed and
/// in range, the layers chaining from the data set's input shape to one output per class.
/// The first mistake, in the order the sections are read, is thrown as a `ConfigError`.
enum RunConfigDecoder {
    static func decode(_ root: TOMLTable, origin: ConfigOrigin) throws -> RunConfig {
        let reader = TableReader(table: root, path: "", origin: origin)
        let defaults = RunConfig.default
        var config = defaults
        config.epochs = try reader.int("epochs", default: defaults.epochs, .above(0))
        config.batchSize = try reader.int("batch_size", default: defaults.batchSize, .above(0))
        config.seed = UInt64(try reader.int("seed", default: Int(defaults.seed), .atLeast(0)))
        config.probeEvery = try reader.int("probe_every", default: defaults.probeEvery, .above(0))
        config.evalEvery = try reader.int("eval_every", default: defaults.evalEvery, .atLeast(0))
        config.nanPolicy = try reader.choice("nan_policy", default: defaults.nanPolicy)

        let dataReader = try reader.subtable("data")
        if let dataReader { config.data = try DataDecoder.decode(dataReader) }
        let modelReader = try reader.subtable("model")
        var layerReaders: [TableReader] = []
        if let modelReader {
            (config.layers, layerReaders) = try ModelDecoder.decode(modelReader)
        }
        if let loss = try reader.subtable("loss") { config.loss = try SectionDecoders.loss(loss) }
        if let optimizer = try reader.subtable("optimizer") { config.optimizer = try SectionDecoders.optimizer(optimizer) }
        if let regularization = try reader.subtable("regularization") {
            config.regularization = try SectionDecoders.regularization(regularization)
        }
        if let schedule = try reader.subtable("schedule") {
            config.schedule = try SectionDecoders.schedule(schedule, learningRate: config.optimizer.learningRate)
        }
        if let plateau = try reader.subtable("plateau") { config.plateau = try SectionDecoders.plateau(plateau) }
        if let stopping = try reader.subtable("early_stopping") {
            config.earlyStopping = try SectionDecoders.earlyStopping(stopping)
        }
        if let dashboard = try reader.subtable("dashboard") { config.dashboard = try SectionDecoders.dashboard(dashboard) }
        try reader.rejectUnknownKeys()

        try ModelDecoder.checkShapes(config, layerReaders: layerReaders, modelOrigin: modelReader?.origin ?? origin)
        try CrossChecks.run(config, root: reader, data: dataReader)
        return config
    }
}
