import XCTest
@testable import Engine

/// Central finite differences for the convolution layers' tests. The probe loss is
/// `L = Σ r·y` with fixed random `r` (so dL/dy = r), summed in Double; each input or
/// parameter element is nudged by ±h in Float and the slope compared with `backward`.
enum CNNGradientCheck {
    /// A tensor of `shape` with standard-normal entries from `seed`.
    static func randomTensor(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
        var rng = SeededRNG(seed: seed)
        var tensor = Tensor(shape: shape)
        for index in tensor.storage.indices { tensor.storage[index] = rng.nextNormal() * scale }
        return tensor
    }

    static func probeLoss(_ output: Tensor, _ weights: Tensor) -> Double {
        zip(output.storage, weights.storage).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    /// Largest |numeric − analytic| over the input and every parameter, relative to the
    /// largest analytic magnitude of that tensor (at least 1). Fails the test above `tolerance`.
    static func check(
        _ layer: any Layer, input: Tensor, h: Float = 1e-2, tolerance: Double = 2e-3,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let output = try layer.forward(input, training: true)
        let weights = randomTensor(output.shape, seed: 99)
        for parameter in layer.parameters {
            parameter.gradient = Tensor(shape: parameter.value.shape)
        }
        let inputGradient = try layer.backward(weights)
        let analyticParameters = layer.parameters.map(\.gradient)

        func loss(_ x: Tensor) throws -> Double {
            try probeLoss(layer.forward(x, training: true), weights)
        }
        var x = input
        let inputError = try worstError(analytic: inputGradient, h: h) { index, delta in
            x.storage[index] += delta
            defer { x.storage[index] -= delta }
            return try loss(x)
        }
        XCTAssertLessThan(inputError, tolerance, "\(layer.name): input gradient off by \(inputError)", file: file, line: line)
        for (parameter, analytic) in zip(layer.parameters, analyticParameters) {
            let error = try worstError(analytic: analytic, h: h) { index, delta in
                let original = parameter.value.storage[index]
                parameter.value.storage[index] = original + delta
                defer { parameter.value.storage[index] = original }
                return try loss(input)
            }
            XCTAssertLessThan(
                error, tolerance, "\(parameter.name): gradient off by \(error)", file: file, line: line)
        }
    }

    private static func worstError(
        analytic: Tensor, h: Float, loss: (Int, Float) throws -> Double
    ) throws -> Double {
        let scale = max(1, analytic.storage.map { Double(abs($0)) }.max() ?? 0)
        var worst = 0.0
        for index in analytic.storage.indices {
            let numeric = (try loss(index, h) - loss(index, -h)) / (2 * Double(h))
            worst = max(worst, abs(numeric - Double(analytic.storage[index])) / scale)
        }
        return worst
    }
}
