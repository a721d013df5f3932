import Foundation
import XCTest
@testable import Engine

/// Known answer: a W3-shaped CNN (batch norm after each conv, a 128-unit hidden layer; shifts of ±2 px as
/// augmentation, LR × 0.7 per epoch after the third) trained on the first 5,000 training images of sample-data/mnist
/// reaches ≥ 97% on the first 1,000 images of the held-out test file (t10k). EngineTests cannot see the
/// Datasets module, so the test reads the gzip'd IDX files itself through `gzip -dc`.
final class CNNMNISTKnownAnswerTests: XCTestCase {
    private static let mnistDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sample-data/mnist")

    /// The bytes of a gzip'd file, decompressed by the system's gzip.
    private func gunzip(_ name: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", Self.mnistDirectory.appendingPathComponent(name).path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "gzip -dc \(name)")
        return [UInt8](data)
    }

    private func bigEndian(_ bytes: [UInt8], at offset: Int) -> Int {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
    }

    /// `count` images as [count, 1, 28, 28] standardized pixels, and their labels.
    private func loadMNIST(_ split: String, count: Int) throws -> (Tensor, [Int]) {
        let images = try gunzip("\(split)-images-idx3-ubyte.gz")
        let labels = try gunzip("\(split)-labels-idx1-ubyte.gz")
        XCTAssertEqual(bigEndian(images, at: 0), 2051)
        XCTAssertEqual(bigEndian(labels, at: 0), 2049)
        XCTAssertGreaterThanOrEqual(bigEndian(images, at: 4), count)
        let pixels = images[16..<(16 + count * 784)].map { (Float($0) / 255 - 0.1307) / 0.3081 }
        return (try Tensor(shape: [count, 1, 28, 28], storage: Array(pixels)), labels[8..<(8 + count)].map(Int.init))
    }

    /// Augmentation: image `index` moved by (dy, dx) pixels, background filling the gap.
    private func shiftedImage(_ images: Tensor, _ index: Int, by shift: (Int, Int), into x: inout Tensor, row: Int) {
        let background = (0 - 0.1307) / Float(0.3081)
        for y in 0..<28 {
            for column in 0..<28 {
                let sy = y - shift.0, sx = column - shift.1
                let inside = sy >= 0 && sy < 28 && sx >= 0 && sx < 28
                x.storage[row * 784 + y * 28 + column] = inside ? images.storage[index * 784 + sy * 28 + sx] : background
            }
        }
    }

    func testSmallCNNReaches97PercentOnHeldOutMNIST() throws {
        let started = Date()
        let (train, trainLabels) = try loadMNIST("train", count: 5000)
        let (validation, validationLabels) = try loadMNIST("t10k", count: 1000)

        var rng = SeededRNG(seed: 7)
        let model = try Sequential([
            Conv2D(name: "conv1", inChannels: 1, outChannels: 16, kernelSize: 3, padding: .same, bias: false, rng: &rng),
            BatchNorm2D(name: "bn1", channels: 16),
            ReLU(name: "relu1"),
            MaxPool2D(name: "pool1", kernel: 2),
            Conv2D(name: "conv2", inChannels: 16, outChannels: 32, kernelSize: 3, padding: .same, bias: false, rng: &rng),
            BatchNorm2D(name: "bn2", channels: 32),
            ReLU(name: "relu2"),
            MaxPool2D(name: "pool2", kernel: 2),
            Flatten(name: "flatten"),
            Dense(name: "dense1", inputSize: 7 * 7 * 32, outputSize: 128, rng: &rng),
            ReLU(name: "relu3"),
            Dense(name: "dense2", inputSize: 128, outputSize: 10, rng: &rng),
        ])
        let optimizer = try Optimizer(kind: .adamDefault, learningRate: 1e-3)
        let loss = try SoftmaxCrossEntropy()
        let batch = 32
        var order = Array(0..<5000)
        var accuracy = 0.0
        var epochs = 0
        while epochs < 12, accuracy < 0.98 {
            epochs += 1
            if epochs > 3 { optimizer.learningRate *= 0.7 }
            order.shuffle(using: &rng)
            for start in stride(from: 0, to: order.count, by: batch) {
                let indices = Array(order[start..<min(order.count, start + batch)])
                var x = Tensor(shape: [indices.count, 1, 28, 28])
                for (row, index) in indices.enumerated() {
                    shiftedImage(train, index, by: (Int(rng.next() % 5) - 2, Int(rng.next() % 5) - 2), into: &x, row: row)
                }
                let result = try loss.evaluate(model.forward(x, training: true), labels: indices.map { trainLabels[$0] })
                try model.accumulateGradients(result.gradient)
                try optimizer.step(model.parameters)
            }
            let predictions = try model.forward(validation, training: false).argmaxRows()
            accuracy = Double(zip(predictions, validationLabels).filter { $0 == $1 }.count) / 1000
            print("CNN MNIST epoch \(epochs): validation accuracy \(accuracy)")
        }
        let seconds = Date().timeIntervalSince(started)
        print("CNN MNIST known answer: \(accuracy * 100)% after \(epochs) epochs in \(seconds) s")
        XCTAssertGreaterThanOrEqual(accuracy, 0.97, "validation accuracy after \(epochs) epochs")
    }
}
