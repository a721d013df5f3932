import XCTest
@testable import Engine

final class SequentialTests: XCTestCase {
    func makeModel(seed: UInt64) throws -> Sequential {
        var rng = SeededRNG(seed: seed)
        return try Sequential([
            Dense(name: "dense1", inputSize: 4, outputSize: 8, rng: &rng),
            ReLU(name: "relu1"),
            Dropout(name: "drop", rate: 0.2, seed: rng.next()),
            Dense(name: "dense2", inputSize: 8, outputSize: 3, rng: &rng),
        ])
    }

    func testDottedNamesAndUniqueness() throws {
        let model = try makeModel(seed: 1)
        XCTAssertEqual(model.namedParameters.map(\.0), ["dense1.weight", "dense1.bias", "dense2.weight", "dense2.bias"])
        var rng = SeededRNG(seed: 1)
        XCTAssertThrowsError(try Sequential([ReLU(name: "a"), Dense(name: "a", inputSize: 1, outputSize: 1, rng: &rng)])) { error in
            XCTAssertTrue("\(error)".contains("\"a\""), "\(error)")
        }
    }

    func testShapeErrorNamesLayer() throws {
        let model = try makeModel(seed: 1)
        XCTAssertThrowsError(try model.forward(Tensor(shape: [2, 5]), training: true)) { error in
            XCTAssertTrue("\(error)".contains("dense1") && "\(error)".contains("[2, 5]"), "\(error)")
        }
        XCTAssertThrowsError(try Dropout(name: "drop9", rate: 1, seed: 0)) { error in
            XCTAssertTrue("\(error)".contains("drop9") && "\(error)".contains("1.0"), "\(error)")
        }
    }

    func testSameSeedGivesIdenticalLosses() throws {
        func losses(seed: UInt64) throws -> [Float] {
            let model = try makeModel(seed: seed)
            let optimizer = try Optimizer(kind: .adamDefault, learningRate: 0.01)
            let loss = try SoftmaxCrossEntropy()
            var rng = SeededRNG(seed: 42)
            var result: [Float] = []
            for _ in 0..<20 {
                let x = Tensor.normal(shape: [16, 4], rng: &rng)
                let labels = (0..<16).map { _ in Int(rng.next() % 3) }
                let evaluation = try loss.evaluate(model.forward(x, training: true), labels: labels)
                _ = try model.backward(evaluation.gradient)
                try optimizer.step(model.parameters)
                result.append(evaluation.loss)
            }
            return result
        }
        let first = try losses(seed: 7)
        XCTAssertEqual(first, try losses(seed: 7))
        XCTAssertNotEqual(first, try losses(seed: 8))
    }

    func testRecordsActivationsAndFindsNonFiniteLayer() throws {
        let model = try makeModel(seed: 3)
        model.recordsActivations = true
        let output = try model.forward(Tensor(shape: [2, 4], repeating: 1), training: false)
        _ = try model.backward(Tensor(shape: output.shape, repeating: 1))
        XCTAssertEqual(model.lastActivations.count, 4)
        XCTAssertEqual(model.lastInputGradients.map(\.shape), [[2, 4], [2, 8], [2, 8], [2, 8]])
        XCTAssertNil(model.firstNonFiniteActivation)
        (model.layers[3] as! Dense).weight.value.storage[0] = .infinity
        _ = try model.forward(Tensor(shape: [2, 4], repeating: 1), training: false)
        XCTAssertEqual(model.firstNonFiniteActivation, "dense2")
    }

    func testBatchNormBuffersRoundTrip() throws {
        let bn = try BatchNorm(name: "bn", features: 2)
        let model = try Sequential([bn])
        _ = try model.forward(try Tensor(rows: [[1, 2], [3, 6]]), training: true)
        let saved = model.namedBuffers
        XCTAssertEqual(saved["bn.running_mean"]?.storage ?? [], [0.2, 0.4], accuracy: 1e-6)
        let restored = try Sequential([BatchNorm(name: "bn", features: 2)])
        try restored.loadNamedBuffers(saved)
        XCTAssertEqual(restored.namedBuffers, saved)
        XCTAssertThrowsError(try restored.loadNamedBuffers(["bn.running_mean": Tensor(shape: [2])]))
    }

    func testParameterValuesRoundTrip() throws {
        let model = try makeModel(seed: 4)
        let saved = model.parameterValues
        let other = try makeModel(seed: 5)
        XCTAssertNotEqual(other.parameterValues, saved)
        try other.loadParameterValues(saved)
        XCTAssertEqual(other.parameterValues, saved)
        var wrong = saved
        wrong["dense2.bias"] = Tensor(shape: [4])
        XCTAssertThrowsError(try other.loadParameterValues(wrong)) { error in
            XCTAssertTrue("\(error)".contains("dense2.bias") && "\(error)".contains("[4]"), "\(error)")
        }
        wrong = saved
        wrong["dense3.weight"] = Tensor(shape: [1])
        XCTAssertThrowsError(try other.loadParameterValues(wrong)) { error in
            XCTAssertTrue("\(error)".contains("dense3.weight"), "\(error)")
        }
    }

    func testActivationFamilies() throws {
        XCTAssertEqual(ReLU(name: "r").activationFamily, .reluFamily)
        XCTAssertEqual(Tanh(name: "t").activationFamily, .saturating(lower: -1, upper: 1))
        var rng = SeededRNG(seed: 1)
        XCTAssertEqual(try Dense(name: "d", inputSize: 1, outputSize: 1, rng: &rng).activationFamily, .none)
    }
}

func XCTAssertEqual(_ a: [Float], _ b: [Float], accuracy: Float, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, "\(a) vs \(b)", file: file, line: line) }
}
