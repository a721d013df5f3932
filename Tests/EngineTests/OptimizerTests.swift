import XCTest
@testable import Engine

/// Three steps from p0 with fixed gradients, against values produced by torch.optim (float64)
/// for the same settings (L1 by hand: g + l1·sign(p)).
final class OptimizerTests: XCTestCase {
    let gradients: [[Float]] = [[0.5, 1.0, -0.25, 2.0], [-0.2, 0.4, 0.3, -1.0], [0.1, -0.3, 0.05, 0.5]]

    func run(_ optimizer: Optimizer) throws -> [Float] {
        let parameter = Parameter(name: "w", value: try Tensor(shape: [2, 2], storage: [1, -2, 0.5, 3]))
        for g in gradients {
            parameter.gradient.storage = g
            try optimizer.step([parameter])
            XCTAssertEqual(parameter.gradient.storage, [0, 0, 0, 0], "step zeroes the gradient")
        }
        return parameter.value.storage
    }

    func assertClose(_ actual: [Float], _ expected: [Float], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for (a, e) in zip(actual, expected) {
            XCTAssertEqual(a, e, accuracy: 2e-5, "\(what): \(actual) vs \(expected)", file: file, line: line)
        }
    }

    func testSGD() throws {
        assertClose(try run(Optimizer(kind: .sgd(momentum: 0.9, nesterov: false), learningRate: 0.1)),
                    [0.8925, -2.317, 0.50575, 2.598], "momentum")
        assertClose(try run(Optimizer(kind: .sgd(momentum: 0.9, nesterov: true), learningRate: 0.1)),
                    [0.86325, -2.3953, 0.495175, 2.4882], "nesterov")
        assertClose(try run(Optimizer(kind: .sgd(momentum: 0.9, nesterov: false), learningRate: 0.1, weightDecay: 0.01)),
                    [0.887064749, -2.305369698, 0.502882424, 2.581844197], "L2")
        assertClose(try run(Optimizer(kind: .sgd(momentum: 0.9, nesterov: false), learningRate: 0.1, l1: 0.05)),
                    [0.86445, -2.28895, 0.4777, 2.56995], "L1")
    }

    func testAdamFamily() throws {
        assertClose(try run(Optimizer(kind: .adamDefault, learningRate: 0.1)),
                    [0.827500241, -2.239609888, 0.566626881, 2.839323382], "adam")
        assertClose(try run(Optimizer(kind: .adamDefault, learningRate: 0.1, weightDecay: 0.1)),
                    [0.790162183, -2.202175173, 0.527094316, 2.80718931], "adam L2")
        assertClose(try run(Optimizer(kind: .adamW(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: 0.1, weightDecay: 0.1)),
                    [0.800134847, -2.177319313, 0.549929325, 2.752476719], "adamW")
    }

    func testRMSprop() throws {
        assertClose(try run(Optimizer(kind: .rmsprop(rho: 0.9, epsilon: 1e-8, momentum: 0.5), learningRate: 0.01)),
                    [0.956745382, -2.064483944, 0.513812106, 2.959230071], "rmsprop momentum")
        assertClose(try run(Optimizer(kind: .rmsprop(rho: 0.99, epsilon: 1e-8, momentum: 0), learningRate: 0.01)),
                    [0.918877003, -2.110233583, 0.510231188, 2.92289091], "rmsprop")
    }

    func testClippingAndMaxNorm() throws {
        let plain = OptimizerKind.sgd(momentum: 0, nesterov: false)
        assertClose(try run(Optimizer(kind: plain, learningRate: 0.1, clipGlobalNorm: 1)),
                    [0.985915972, -2.048604128, 0.479432996, 2.951272908], "clip global norm")
        assertClose(try run(Optimizer(kind: plain, learningRate: 0.1, clipValue: 0.35)),
                    [0.975, -2.04, 0.49, 2.965], "clip value")
        assertClose(try run(Optimizer(kind: plain, learningRate: 0.1, maxNorm: 2.5)),
                    [0.96, -1.448409159, 0.49, 1.96601249], "max norm")
    }

    func testReportAndMultiplier() throws {
        let a = Parameter(name: "a", value: Tensor(shape: [2], repeating: 1))
        let b = Parameter(name: "b", value: Tensor(shape: [1], repeating: 1))
        b.learningRateMultiplier = 0.5
        a.gradient.storage = [3, 0]
        b.gradient.storage = [4]
        let optimizer = try Optimizer(kind: .sgd(momentum: 0, nesterov: false), learningRate: 0.1, clipGlobalNorm: 1)
        optimizer.reportsUpdateNorms = true
        let report = try optimizer.step([a, b])
        XCTAssertEqual(report.globalGradientNorm, 5, accuracy: 1e-6)
        XCTAssertTrue(report.clippedByGlobalNorm)
        XCTAssertEqual(report.gradientNorms, [3, 4])
        XCTAssertEqual(a.value.storage[0], 1 - 0.1 * 0.6, accuracy: 1e-6)
        XCTAssertEqual(b.value.storage[0], 1 - 0.05 * 0.8, accuracy: 1e-6)
        XCTAssertEqual(report.updateNorms[1], 0.04, accuracy: 1e-6)
    }

    func testReportWithoutClippingMeasuresNormsInThePass() throws {
        for kind in [OptimizerKind.sgdMomentum, .adamDefault, .rmsprop(rho: 0.9, epsilon: 1e-8, momentum: 0)] {
            let a = Parameter(name: "a", value: Tensor(shape: [11], repeating: 1))
            let b = Parameter(name: "b", value: Tensor(shape: [1], repeating: 1))
            a.gradient.storage = [3] + Array(repeating: 0, count: 10)
            b.gradient.storage = [4]
            let report = try Optimizer(kind: kind, learningRate: 0.1).step([a, b])
            XCTAssertEqual(report.gradientNorms, [3, 4], "\(kind)")
            XCTAssertEqual(report.globalGradientNorm, 5, accuracy: 1e-6)
            XCTAssertFalse(report.clippedByGlobalNorm)
        }
    }

    /// Parameters from `UpdateRule.splitThreshold` on are updated as two halves (in parallel
    /// on two threads). The rules are elementwise, so the result must be bit for bit the
    /// same as updating the elements as small, unsplit parameters, on one thread or two.
    func testLargeParametersUpdateElementwiseAndAlikeOnOneThreadOrTwo() throws {
        let count = UpdateRule.splitThreshold + 13
        var rng = SeededRNG(seed: 3)
        let start = Tensor.uniform(shape: [count], low: -1, high: 1, rng: &rng).storage
        let steps = (0..<3).map { _ in Tensor.uniform(shape: [count], low: -1, high: 1, rng: &rng).storage }
        // Pieces below the threshold, cut across the split point (count / 16 * 8).
        let cuts = [0, 10_000, 20_000, count]
        let kinds: [OptimizerKind] = [
            .sgd(momentum: 0.9, nesterov: false), .adamDefault, .rmsprop(rho: 0.9, epsilon: 1e-7, momentum: 0),
        ]
        for kind in kinds {
            func train(threads: Int, pieces: [Range<Int>]) throws -> (values: [Float], norm: Float) {
                let saved = GEMM.threadCount
                GEMM.threadCount = threads
                defer { GEMM.threadCount = saved }
                let optimizer = try Optimizer(kind: kind, learningRate: 0.1)
                let parameters = pieces.enumerated().map { index, range in
                    Parameter(name: "w\(index)", value: Tensor(validatedShape: [range.count], storage: Array(start[range])))
                }
                var norm: Float = 0
                for g in steps {
                    for (parameter, range) in zip(parameters, pieces) {
                        parameter.gradient = Tensor(validatedShape: [range.count], storage: Array(g[range]))
                    }
                    norm = try optimizer.step(parameters).globalGradientNorm
                    for parameter in parameters {
                        XCTAssertTrue(parameter.gradient.storage.allSatisfy { $0 == 0 }, "step zeroes the whole gradient")
                    }
                }
                return (parameters.flatMap(\.value.storage), norm)
            }
            let whole = [0..<count]
            let pieces = zip(cuts, cuts.dropFirst()).map { $0..<$1 }
            let one = try train(threads: 1, pieces: whole), two = try train(threads: 2, pieces: whole)
            let reference = try train(threads: 1, pieces: pieces)
            XCTAssertEqual(one.values, two.values, "\(kind.label): one thread vs two")
            XCTAssertEqual(one.norm, two.norm, "\(kind.label): one thread vs two")
            XCTAssertEqual(one.values, reference.values, "\(kind.label): split vs unsplit pieces")
            let expectedNorm = steps[2].reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            XCTAssertEqual(Double(one.norm), expectedNorm, accuracy: 1e-4 * expectedNorm, kind.label)
        }
    }

    func testInvalidHyperparametersAreNamed() throws {
        XCTAssertThrowsError(try Optimizer(kind: .adamDefault, learningRate: -0.1)) { error in
            XCTAssertTrue("\(error)".contains("learningRate -0.1"), "\(error)")
        }
        XCTAssertThrowsError(try Optimizer(kind: .sgd(momentum: 1.5, nesterov: false), learningRate: 0.1)) { error in
            XCTAssertTrue("\(error)".contains("momentum 1.5"), "\(error)")
        }
        let optimizer = try Optimizer(kind: .adamDefault, learningRate: 0.1)
        optimizer.learningRate = .nan
        XCTAssertThrowsError(try optimizer.step([])) { error in
            XCTAssertTrue("\(error)".contains("learningRate nan"), "\(error)")
        }
    }

    func testStateRoundTripContinuesIdentically() throws {
        func makeParameter() throws -> Parameter { Parameter(name: "w", value: try Tensor(shape: [2, 2], storage: [1, -2, 0.5, 3])) }
        let reference = try Optimizer(kind: .adamDefault, learningRate: 0.1)
        let p1 = try makeParameter()
        for g in gradients { p1.gradient.storage = g; try reference.step([p1]) }

        let first = try Optimizer(kind: .adamDefault, learningRate: 0.1)
        let p2 = try makeParameter()
        p2.gradient.storage = gradients[0]
        try first.step([p2])
        let data = try JSONEncoder().encode(first.state())
        let resumed = try Optimizer(kind: .adamDefault, learningRate: 0.1)
        try resumed.load(JSONDecoder().decode(OptimizerState.self, from: data))
        for g in gradients.dropFirst() { p2.gradient.storage = g; try resumed.step([p2]) }
        XCTAssertEqual(p1.value.storage, p2.value.storage)

        let sgd = try Optimizer(kind: .sgdMomentum, learningRate: 0.1)
        XCTAssertThrowsError(try sgd.load(first.state()))
    }
}
