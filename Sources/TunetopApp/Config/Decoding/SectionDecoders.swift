/// Readers for the smaller sections: loss, optimizer, regularization, schedule, plateau,
/// early stopping, dashboard. Options that don't apply to the chosen kind are unknown keys.
enum SectionDecoders {
    /// Every option some loss, optimizer or schedule kind takes. When an override switches
    /// the kind (`--set optimizer.kind=sgd`, a sweep over it), the file's options that only
    /// the old kind took are dropped (`TableReader.rejectUnknownKeys`).
    static let lossOptions: Set<String> = ["label_smoothing", "class_weights", "gamma", "alpha"]
    static let optimizerOptions: Set<String> = ["momentum", "nesterov", "betas", "epsilon", "rho"]
    static let scheduleOptions: Set<String> = [
        "step_size", "gamma", "min_lr", "warmup_steps", "end_lr", "max_lr", "pct_start",
    ]

    static func loss(_ reader: TableReader) throws -> LossSettings {
        let name = try reader.choice("kind", default: LossSettings.Name.crossEntropy)
        let loss: LossSettings
        switch name {
        case .crossEntropy:
            let weights = try reader.doubles("class_weights", .atLeast(0))
            if let weights, weights.isEmpty || weights.allSatisfy({ $0 == 0 }) {
                throw reader.error("class_weights", "needs one weight per class, not all zero")
            }
            loss = .crossEntropy(
                labelSmoothing: try reader.double("label_smoothing", default: 0, .from(0, below: 1)),
                classWeights: weights)
        case .focal:
            let alpha = reader.contains("alpha") ? try reader.double("alpha", default: 1, .above(0, upTo: 1)) : nil
            loss = .focal(gamma: try reader.double("gamma", default: 2, .atLeast(0)), alpha: alpha)
        case .mse: loss = .meanSquaredError
        case .bce: loss = .binaryCrossEntropy
        }
        try reader.rejectUnknownKeys(context: "loss kind '\(name.rawValue)'", otherKindsOptions: lossOptions)
        return loss
    }

    static func optimizer(_ reader: TableReader) throws -> OptimizerSettings {
        let name = try reader.choice("kind", default: OptimizerSettings.Name.adam)
        let learningRate = try reader.double("learning_rate", default: 1e-3, .above(0))
        let algorithm: OptimizerSettings.Algorithm
        switch name {
        case .sgd:
            let momentum = try reader.double("momentum", default: 0.9, .from(0, below: 1))
            let nesterov = try reader.bool("nesterov", default: false)
            if nesterov, momentum == 0 { throw reader.error("nesterov", "needs momentum > 0") }
            algorithm = .sgd(momentum: momentum, nesterov: nesterov)
        case .adam, .adamw:
            var betas = (0.9, 0.999)
            if let written = try reader.doubles("betas", .from(0, below: 1)) {
                guard written.count == 2 else {
                    throw reader.error("betas", "needs two numbers [beta1, beta2] (got \(written.count))")
                }
                betas = (written[0], written[1])
            }
            let epsilon = try reader.double("epsilon", default: 1e-8, .above(0))
            algorithm = name == .adam
                ? .adam(beta1: betas.0, beta2: betas.1, epsilon: epsilon)
                : .adamw(beta1: betas.0, beta2: betas.1, epsilon: epsilon)
        case .rmsprop:
            algorithm = .rmsprop(
                rho: try reader.double("rho", default: 0.9, .between(0, 1)),
                epsilon: try reader.double("epsilon", default: 1e-8, .above(0)),
                momentum: try reader.double("momentum", default: 0, .from(0, below: 1)))
        }
        try reader.rejectUnknownKeys(context: "optimizer kind '\(name.rawValue)'", otherKindsOptions: optimizerOptions)
        return OptimizerSettings(algorithm, learningRate: learningRate)
    }

    static func regularization(_ reader: TableReader) throws -> RegularizationSettings {
        var settings = RegularizationSettings()
        settings.l1 = try reader.double("l1", default: 0, .atLeast(0))
        if reader.contains("l2") && reader.contains("weight_decay") {
            throw reader.error("l2", "and 'weight_decay' are the same setting; write only one")
        }
        settings.weightDecay = try reader.double(reader.contains("l2") ? "l2" : "weight_decay", default: 0, .atLeast(0))
        settings.maxNorm = try reader.optionalDouble("max_norm", default: nil, .above(0))
        settings.clipNorm = try reader.optionalDouble("clip_norm", default: nil, .above(0))
        settings.clipValue = try reader.optionalDouble("clip_value", default: nil, .above(0))
        try reader.rejectUnknownKeys()
        return settings
    }

    static func schedule(_ reader: TableReader, learningRate: Double) throws -> ScheduleSettings {
        let name = try reader.choice("kind", default: ScheduleSettings.Name.constant)
        let curve: ScheduleSettings.Curve
        switch name {
        case .constant: curve = .constant
        case .step:
            curve = .step(
                stepSize: try reader.int("step_size", default: 10, .above(0)),
                gamma: try reader.double("gamma", default: 0.1, .above(0, upTo: 1)))
        case .exponential:
            curve = .exponential(gamma: try reader.double("gamma", default: 0.95, .above(0, upTo: 1)))
        case .cosine:
            curve = .cosine(
                minLR: try reader.double("min_lr", default: 0, .from(0, below: learningRate)),
                warmupSteps: try reader.int("warmup_steps", default: 0, .atLeast(0)))
        case .linear:
            curve = .linear(endLR: try reader.double("end_lr", default: 0, .atLeast(0)))
        case .oneCycle:
            curve = .oneCycle(
                maxLR: try reader.double("max_lr", default: learningRate, .above(0)),
                pctStart: try reader.double("pct_start", default: 0.3, .between(0, 1)))
        }
        try reader.rejectUnknownKeys(context: "schedule kind '\(name.rawValue)'", otherKindsOptions: scheduleOptions)
        return ScheduleSettings(curve)
    }

    static func plateau(_ reader: TableReader) throws -> PlateauSettings? {
        let enabled = try reader.bool("enabled", default: true)
        var settings = PlateauSettings()
        settings.factor = try reader.double("factor", default: settings.factor, .between(0, 1))
        settings.patience = try reader.int("patience", default: settings.patience, .atLeast(0))
        settings.minDelta = try reader.double("min_delta", default: settings.minDelta, .atLeast(0))
        settings.cooldown = try reader.int("cooldown", default: settings.cooldown, .atLeast(0))
        settings.minLR = try reader.double("min_lr", default: settings.minLR, .atLeast(0))
        settings.halveUntilMin = try reader.bool("halve_until_min", default: settings.halveUntilMin)
        try reader.rejectUnknownKeys()
        return enabled ? settings : nil
    }

    static func earlyStopping(_ reader: TableReader) throws -> EarlyStoppingSettings? {
        let enabled = try reader.bool("enabled", default: true)
        var settings = EarlyStoppingSettings()
        settings.patience = try reader.int("patience", default: settings.patience, .atLeast(0))
        settings.minDelta = try reader.double("min_delta", default: settings.minDelta, .atLeast(0))
        settings.restoreBest = try reader.bool("restore_best", default: settings.restoreBest)
        try reader.rejectUnknownKeys()
        return enabled ? settings : nil
    }

    static func dashboard(_ reader: TableReader) throws -> DashboardSettings {
        var settings = DashboardSettings()
        settings.theme = try reader.string("theme", default: settings.theme)
        if settings.theme != DashboardSettings().theme,
           let problem = BundledThemes.problem(
               with: settings.theme, in: BundledThemes.catalog(), unknown: "has unknown value '\(settings.theme)'")
        {
            throw reader.error("theme", problem)
        }
        settings.smoothing = try reader.double("smoothing", default: settings.smoothing, .from(0, below: 1))
        try reader.rejectUnknownKeys()
        return settings
    }
}
