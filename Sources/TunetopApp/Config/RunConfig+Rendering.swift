extension RunConfig {
    /// The resolved config as TOML that parses back to an equal `RunConfig`; saved as
    /// `runs/<name>/config.toml` and as the `run/config` event. With `includeDefaults`
    /// false only values that differ from their defaults are written — the form overrides
    /// are applied to, so `--set optimizer.kind=sgd` does not trip over Adam's betas.
    public func renderTOML(includeDefaults: Bool = true) -> String {
        var out = ConfigTextWriter(includeDefaults: includeDefaults)
        let defaults = RunConfig.default
        out.comment("tunetop run config (resolved)")
        out.value("epochs", epochs, defaults.epochs, always: true)
        out.value("batch_size", batchSize, defaults.batchSize, always: true)
        out.value("seed", Int(seed), Int(defaults.seed), always: true)
        out.value("probe_every", probeEvery, defaults.probeEvery)
        out.value("eval_every", evalEvery, defaults.evalEvery)
        out.value("nan_policy", nanPolicy.rawValue, defaults.nanPolicy.rawValue)
        renderData(into: &out)
        for layer in layers {
            out.header("[[model.layers]]")
            renderLayer(layer, into: &out)
        }
        renderLoss(into: &out)
        renderOptimizer(into: &out)
        renderRegularization(into: &out)
        renderSchedule(into: &out)
        if let plateau {
            let base = PlateauSettings()
            out.header("[plateau]", force: true)
            out.value("factor", plateau.factor, base.factor)
            out.value("patience", plateau.patience, base.patience)
            out.value("min_delta", plateau.minDelta, base.minDelta)
            out.value("cooldown", plateau.cooldown, base.cooldown)
            out.value("min_lr", plateau.minLR, base.minLR)
            out.value("halve_until_min", plateau.halveUntilMin, base.halveUntilMin)
        }
        if let earlyStopping {
            let base = EarlyStoppingSettings()
            out.header("[early_stopping]", force: true)
            out.value("patience", earlyStopping.patience, base.patience)
            out.value("min_delta", earlyStopping.minDelta, base.minDelta)
            out.value("restore_best", earlyStopping.restoreBest, base.restoreBest)
        } else {
            out.header("[early_stopping]", force: true)
            out.value("enabled", false, true, always: true)
        }
        out.header("[dashboard]")
        out.value("theme", dashboard.theme, DashboardSettings().theme)
        out.value("smoothing", dashboard.smoothing, DashboardSettings().smoothing)
        return out.text
    }

    private func renderData(into out: inout ConfigTextWriter) {
        let base = DataSettings()
        out.header("[data]")
        out.value("dataset", data.dataset.rawValue, base.dataset.rawValue, always: true)
        if let path = data.path { out.value("path", path, "", always: true) }
        if data.dataset == .csv {
            out.value("label_column", data.labelColumn, base.labelColumn)
            out.value("has_header", data.hasHeader, base.hasHeader)
        }
        out.value("validation_fraction", data.validationFraction, base.validationFraction)
        out.value("limit", data.limit, base.limit)
        out.value("normalization", data.normalization.rawValue, base.normalization.rawValue)
        out.value("class_balance", data.classBalance.rawValue, base.classBalance.rawValue)
        let augmentation = data.augmentation
        let none = AugmentationSettings()
        if augmentation != none {
            out.header("[data.augmentation]", force: true)
            out.value("flip", augmentation.flip, none.flip)
            out.value("crop_padding", augmentation.cropPadding, none.cropPadding)
            out.value("max_shift", augmentation.maxShift, none.maxShift)
            out.value("max_rotation_degrees", augmentation.maxRotationDegrees, none.maxRotationDegrees)
            out.value("noise_std", augmentation.noiseStd, none.noiseStd)
        }
    }

    private func renderLayer(_ layer: LayerSpec, into out: inout ConfigTextWriter) {
        out.value("kind", layer.kindName, "", always: true)
        switch layer.kind {
        case .dense(let units): out.value("units", units, 0, always: true)
        case .relu, .gelu, .tanh, .sigmoid, .softmax, .globalAvgPool, .flatten: break
        case .leakyReLU(let slope): out.value("slope", slope, 0.01)
        case .prelu(let slope): out.value("initial_slope", slope, 0.25)
        case .elu(let alpha): out.value("alpha", alpha, 1.0)
        case .maxout(let units, let pieces):
            out.value("units", units, 0, always: true)
            out.value("pieces", pieces, 2)
        case .dropout(let rate), .dropout2d(let rate): out.value("rate", rate, 0.5)
        case .batchnorm(let momentum, let epsilon), .batchnorm2d(let momentum, let epsilon):
            out.value("momentum", momentum, 0.1)
            out.value("epsilon", epsilon, 1e-5)
        case .conv2d(let filters, let kernel, let stride, let padding, let bias):
            out.value("filters", filters, 0, always: true)
            out.value("kernel", kernel, 3, always: true)
            out.value("stride", stride, 1)
            out.value("padding", padding, 0)
            out.value("bias", bias, true)
        case .maxpool(let kernel, let stride), .avgpool(let kernel, let stride):
            out.value("kernel", kernel, 2, always: true)
            out.value("stride", stride, kernel)
        }
        if let weightInit = layer.weightInit { out.value("weight_init", weightInit.rawValue, "", always: true) }
        if let biasInit = layer.biasInit { out.value("bias_init", biasInit.rawValue, "", always: true) }
    }

    private func renderLoss(into out: inout ConfigTextWriter) {
        out.header("[loss]")
        out.value("kind", loss.name.rawValue, LossSettings.Name.crossEntropy.rawValue)
        switch loss {
        case .crossEntropy(let smoothing, let weights):
            out.value("label_smoothing", smoothing, 0.0)
            if let weights { out.raw("class_weights", "[" + weights.map(TOMLWriter.float).joined(separator: ", ") + "]") }
        case .focal(let gamma, let alpha):
            out.value("gamma", gamma, 2.0)
            if let alpha { out.value("alpha", alpha, 0, always: true) }
        case .meanSquaredError, .binaryCrossEntropy: break
        }
    }

    private func renderOptimizer(into out: inout ConfigTextWriter) {
        out.header("[optimizer]")
        out.value("kind", optimizer.name.rawValue, OptimizerSettings.Name.adam.rawValue, always: true)
        out.value("learning_rate", optimizer.learningRate, 0, always: true)
        switch optimizer.algorithm {
        case .sgd(let momentum, let nesterov):
            out.value("momentum", momentum, 0.9)
            out.value("nesterov", nesterov, false)
        case .adam(let beta1, let beta2, let epsilon), .adamw(let beta1, let beta2, let epsilon):
            if out.includeDefaults || beta1 != 0.9 || beta2 != 0.999 {
                out.raw("betas", "[\(TOMLWriter.float(beta1)), \(TOMLWriter.float(beta2))]")
            }
            out.value("epsilon", epsilon, 1e-8)
        case .rmsprop(let rho, let epsilon, let momentum):
            out.value("rho", rho, 0.9)
            out.value("epsilon", epsilon, 1e-8)
            out.value("momentum", momentum, 0.0)
        }
    }

    private func renderRegularization(into out: inout ConfigTextWriter) {
        out.header("[regularization]")
        out.value("l1", regularization.l1, 0.0)
        out.value("weight_decay", regularization.weightDecay, 0.0)
        if let maxNorm = regularization.maxNorm { out.value("max_norm", maxNorm, 0, always: true) }
        if let clipNorm = regularization.clipNorm { out.value("clip_norm", clipNorm, 0, always: true) }
        if let clipValue = regularization.clipValue { out.value("clip_value", clipValue, 0, always: true) }
    }

    private func renderSchedule(into out: inout ConfigTextWriter) {
        out.header("[schedule]")
        out.value("kind", schedule.name.rawValue, ScheduleSettings.Name.constant.rawValue)
        switch schedule.curve {
        case .constant: break
        case .step(let size, let gamma):
            out.value("step_size", size, 10)
            out.value("gamma", gamma, 0.1)
        case .exponential(let gamma): out.value("gamma", gamma, 0.95)
        case .cosine(let minLR, let warmupSteps):
            out.value("min_lr", minLR, 0.0)
            out.value("warmup_steps", warmupSteps, 0)
        case .linear(let endLR): out.value("end_lr", endLR, 0.0)
        case .oneCycle(let maxLR, let pctStart):
            out.value("max_lr", maxLR, optimizer.learningRate)
            out.value("pct_start", pctStart, 0.3)
        }
    }
}

/// Accumulates TOML lines; a section header is written only when something follows it
/// (or when forced, for sections whose presence means "on").
struct ConfigTextWriter {
    let includeDefaults: Bool
    private(set) var text = ""
    private var pendingHeader: String?

    init(includeDefaults: Bool) {
        self.includeDefaults = includeDefaults
    }

    mutating func comment(_ line: String) { text += "# \(line)\n" }

    mutating func header(_ header: String, force: Bool = false) {
        pendingHeader = header
        if force { flushHeader() }
    }

    mutating func value(_ key: String, _ value: Int, _ fallback: Int, always: Bool = false) {
        if always || includeDefaults || value != fallback { raw(key, String(value)) }
    }

    mutating func value(_ key: String, _ value: Double, _ fallback: Double, always: Bool = false) {
        if always || includeDefaults || value != fallback { raw(key, TOMLWriter.float(value)) }
    }

    mutating func value(_ key: String, _ value: Bool, _ fallback: Bool, always: Bool = false) {
        if always || includeDefaults || value != fallback { raw(key, value ? "true" : "false") }
    }

    mutating func value(_ key: String, _ value: String, _ fallback: String, always: Bool = false) {
        if always || includeDefaults || value != fallback { raw(key, TOMLWriter.quoted(value)) }
    }

    mutating func raw(_ key: String, _ literal: String) {
        flushHeader()
        text += "\(key) = \(literal)\n"
    }

    private mutating func flushHeader() {
        guard let header = pendingHeader else { return }
        text += "\n\(header)\n"
        pendingHeader = nil
    }
}
