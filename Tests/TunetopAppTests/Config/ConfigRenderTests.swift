import XCTest
@testable import TunetopApp

final class ConfigRenderTests: XCTestCase {
    func testRenderRoundTrips() throws {
        var config = RunConfig(layers: [
            LayerSpec(.conv2d(filters: 8, kernel: 3, stride: 1, padding: 1, bias: false)),
            LayerSpec(.batchnorm2d(momentum: 0.8, epsilon: 1e-4)), LayerSpec(.leakyReLU(slope: 0.2)),
            LayerSpec(.maxpool(kernel: 2, stride: 2)), LayerSpec(.dropout2d(rate: 0.1)),
            LayerSpec(.avgpool(kernel: 2, stride: 1)), LayerSpec(.flatten),
            LayerSpec(.maxout(units: 16, pieces: 3), weightInit: .glorotUniform), LayerSpec(.elu(alpha: 0.5)),
            LayerSpec(.dense(units: 10), weightInit: .heUniform, biasInit: .ones),
        ])
        config.data.dataset = .mnist
        config.data.path = "some/\"quoted\" dir"
        config.data.limit = 500
        config.data.normalization = .standardizePerChannel
        config.data.classBalance = .oversample
        config.data.augmentation.flip = true
        config.data.augmentation.maxRotationDegrees = 12.5
        config.loss = .focal(gamma: 1.5, alpha: 0.25)
        config.optimizer = OptimizerSettings(.rmsprop(rho: 0.95, epsilon: 1e-7, momentum: 0.1), learningRate: 3.3e-4)
        config.regularization.l1 = 1e-5
        config.regularization.weightDecay = 5e-4
        config.regularization.clipNorm = 1
        config.schedule = ScheduleSettings(.cosine(minLR: 1e-6, warmupSteps: 100))
        config.plateau = PlateauSettings()
        config.plateau?.halveUntilMin = true
        config.earlyStopping = nil
        config.nanPolicy = .rollback
        config.evalEvery = 50
        config.seed = 1234
        config.dashboard.theme = "high-contrast"
        for includeDefaults in [true, false] {
            let text = config.renderTOML(includeDefaults: includeDefaults)
            XCTAssertEqual(try RunConfig.parse(text, source: "rendered.toml"), config, text)
        }
        let text = RunConfig.default.renderTOML()
        XCTAssertEqual(try RunConfig.parse(text, source: "rendered.toml"), RunConfig.default, text)
    }

    func testEveryLossOptimizerAndScheduleRoundTrips() throws {
        let losses: [LossSettings] = [
            .crossEntropy(labelSmoothing: 0.1, classWeights: Array(repeating: 1.5, count: 10)),
            .focal(gamma: 2, alpha: nil), .meanSquaredError, .binaryCrossEntropy,
        ]
        let optimizers: [OptimizerSettings.Algorithm] = [
            .sgd(momentum: 0, nesterov: false), .sgd(momentum: 0.95, nesterov: true),
            .adam(beta1: 0.8, beta2: 0.99, epsilon: 1e-6), .adamw(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
        ]
        let curves: [ScheduleSettings.Curve] = [
            .constant, .step(stepSize: 3, gamma: 0.5), .exponential(gamma: 0.9), .linear(endLR: 0),
            .oneCycle(maxLR: 0.05, pctStart: 0.25),
        ]
        for index in 0..<max(losses.count, optimizers.count, curves.count) {
            var config = RunConfig.default
            config.loss = losses[index % losses.count]
            config.optimizer.algorithm = optimizers[index % optimizers.count]
            config.schedule.curve = curves[index % curves.count]
            config.regularization.maxNorm = 3
            config.regularization.clipValue = 0.5
            if case .binaryCrossEntropy = config.loss {
                config.data.dataset = .csv
                config.data.path = "two-classes.csv"
                config.data.hasHeader = false
                config.layers[config.layers.count - 1] = LayerSpec(.dense(units: 1))
            }
            let text = config.renderTOML(includeDefaults: index % 2 == 0)
            XCTAssertEqual(try RunConfig.parse(text, source: "rendered.toml"), config, text)
        }
    }
}
