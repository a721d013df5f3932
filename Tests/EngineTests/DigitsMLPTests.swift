import Foundation
import XCTest
@testable import Engine

/// Known answer: the digits MLP 64-128-64-10 (ReLU, Adam) reaches ≥ 95% on a held-out 20%.
/// Reads the CSV directly (pixel0…pixel63,label; values 0…16).
final class DigitsMLPTests: XCTestCase {
    func loadDigits() throws -> (x: Tensor, y: [Int]) {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("sample-data/digits/digits.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        var features: [Float] = []
        var labels: [Int] = []
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",")
            XCTAssertEqual(fields.count, 65)
            features += fields.prefix(64).map { (Float($0) ?? 0) / 16 }
            labels.append(Int(fields[64])!)
        }
        return (try Tensor(shape: [labels.count, 64], storage: features), labels)
    }

    func testDigitsMLPReaches95Percent() throws {
        let (x, y) = try loadDigits()
        XCTAssertEqual(y.count, 1797)
        var rng = SeededRNG(seed: 2024)
        let order = Array(0..<y.count).shuffled(using: &rng)
        let validation = Array(order.prefix(360))
        var training = Array(order.dropFirst(360))
        let model = try Sequential([
            Dense(name: "dense1", inputSize: 64, outputSize: 128, rng: &rng), ReLU(name: "relu1"),
            Dense(name: "dense2", inputSize: 128, outputSize: 64, rng: &rng), ReLU(name: "relu2"),
            Dense(name: "dense3", inputSize: 64, outputSize: 10, rng: &rng),
        ])
        let optimizer = try Optimizer(kind: .adamDefault, learningRate: 2e-3)
        let loss = try SoftmaxCrossEntropy()
        let start = Date()
        for _ in 0..<25 {
            training.shuffle(using: &rng)
            for batchStart in stride(from: 0, to: training.count, by: 32) {
                let indices = Array(training[batchStart..<min(batchStart + 32, training.count)])
                let result = try loss.evaluate(model.forward(x.gatherRows(indices), training: true), labels: indices.map { y[$0] })
                _ = try model.backward(result.gradient)
                try optimizer.step(model.parameters)
            }
        }
        let output = try model.forward(x.gatherRows(validation), training: false)
        let score = accuracy(output, labels: validation.map { y[$0] })
        XCTAssertGreaterThanOrEqual(score, 0.95, "validation accuracy \(score)")
        XCTAssertLessThan(Date().timeIntervalSince(start), 20, "training should take seconds")
    }
}
