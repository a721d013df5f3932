import XCTest
@testable import Engine

/// Central finite differences of the scalar objective L = Σ r ⊙ f(x), summed in Double,
/// against the layer's backward(r) for the input and every parameter.
enum GradientCheck {
    /// Inputs in ±[0.1, 2]: away from ReLU-style kinks by more than the step.
    static func input(_ shape: [Int], seed: UInt64) -> Tensor {
        var rng = SeededRNG(seed: seed)
        var x = Tensor.uniform(shape: shape, low: -2, high: 2, rng: &rng)
        for i in x.storage.indices where abs(x.storage[i]) < 0.1 { x.storage[i] = x.storage[i] < 0 ? -0.1 - x.storage[i] : 0.1 + x.storage[i] }
        return x
    }

    static func check(
        _ layer: any Layer, input: Tensor, training: Bool = true, step: Float = 1e-2, tolerance: Double = 1e-2,
        reset: () -> Void = {}, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        reset()
        let output = try layer.forward(input, training: training)
        var rng = SeededRNG(seed: 99)
        let projection = Tensor.uniform(shape: output.shape, low: -1, high: 1, rng: &rng)
        for parameter in layer.parameters { parameter.gradient.fill(0) }
        let inputGradient = try layer.backward(projection)
        XCTAssertEqual(inputGradient.shape, input.shape, "\(layer.name) input gradient shape", file: file, line: line)

        func objective(_ x: Tensor) throws -> Double {
            reset()
            let y = try layer.forward(x, training: training)
            var total = 0.0
            for i in y.storage.indices { total += Double(projection.storage[i]) * Double(y.storage[i]) }
            return total
        }

        func compare(_ what: String, analytic: Tensor, perturb: (Int, Float) -> Void, count: Int) throws {
            var numeric = [Double](repeating: 0, count: count)
            for i in 0..<count {
                perturb(i, step)
                let plus = try objective(input)
                perturb(i, -2 * step)
                let minus = try objective(input)
                perturb(i, step)
                numeric[i] = (plus - minus) / (2 * Double(step))
            }
            var worst = 0.0
            var worstIndex = 0
            var largest = 1e-3
            for i in 0..<count {
                largest = max(largest, abs(numeric[i]))
                let difference = abs(numeric[i] - Double(analytic.storage[i]))
                if difference > worst { worst = difference; worstIndex = i }
            }
            XCTAssertLessThan(
                worst / largest, tolerance,
                "\(layer.name) \(what): max |numeric − analytic| = \(worst) at \(worstIndex) "
                    + "(numeric \(numeric[worstIndex]), analytic \(analytic.storage[worstIndex]), scale \(largest))",
                file: file, line: line)
        }

        var perturbedInput = input
        func objectiveInput(_ x: Tensor) throws -> Double { try objective(x) }
        // Input gradient: perturb a copy and evaluate on it.
        var numeric = [Double](repeating: 0, count: input.count)
        for i in 0..<input.count {
            perturbedInput.storage[i] += step
            let plus = try objectiveInput(perturbedInput)
            perturbedInput.storage[i] -= 2 * step
            let minus = try objectiveInput(perturbedInput)
            perturbedInput.storage[i] = input.storage[i]
            numeric[i] = (plus - minus) / (2 * Double(step))
        }
        let largest = max(1e-3, numeric.map(abs).max() ?? 0)
        let differences = numeric.indices.map { abs(numeric[$0] - Double(inputGradient.storage[$0])) }
        let worst = differences.max() ?? 0
        let worstIndex = differences.firstIndex(of: worst) ?? 0
        XCTAssertLessThan(
            worst / largest, tolerance,
            "\(layer.name) input: max |numeric − analytic| = \(worst) at \(worstIndex) "
                + "(numeric \(numeric[worstIndex]), analytic \(inputGradient.storage[worstIndex]))",
            file: file, line: line)

        for parameter in layer.parameters {
            let analytic = parameter.gradient
            try compare(parameter.name, analytic: analytic, perturb: { i, delta in parameter.value.storage[i] += delta },
                        count: parameter.value.count)
        }
    }

    /// Checks a loss's gradient with respect to the output it scores.
    static func check(
        _ loss: any Loss, output: Tensor, labels: [Int], step: Float = 1e-2, tolerance: Double = 1e-2,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let result = try loss.evaluate(output, labels: labels)
        var x = output
        var worst = 0.0
        var largest = 1e-4
        var message = ""
        for i in 0..<output.count {
            x.storage[i] = output.storage[i] + step
            let plus = Double(try loss.evaluate(x, labels: labels).loss)
            x.storage[i] = output.storage[i] - step
            let minus = Double(try loss.evaluate(x, labels: labels).loss)
            x.storage[i] = output.storage[i]
            let numeric = (plus - minus) / (2 * Double(step))
            largest = max(largest, abs(numeric))
            let difference = abs(numeric - Double(result.gradient.storage[i]))
            if difference > worst {
                worst = difference
                message = "at \(i): numeric \(numeric), analytic \(result.gradient.storage[i])"
            }
        }
        XCTAssertLessThan(worst / largest, tolerance, "\(type(of: loss)): max difference \(worst) \(message)", file: file, line: line)
    }
}
