import Datasets
import Engine
import Foundation
import Telemetry
import XCTest
@testable import Training

final class ProbeAndLRFinderTests: XCTestCase {
    /// One SGD step (no momentum) on a 2-example batch with probes on: every recorded value
    /// is recomputed here by hand from an identical twin model.
    func testProbeValuesMatchADirectComputation() throws {
        let data = try makeBlobs(count: 2, features: 4, seed: 21)
        let model = try makeMLP(seed: 3, hidden: 6)
        let twin = try makeMLP(seed: 3, hidden: 6)
        let sink = CollectingSink()
        let config = TrainerConfig(epochs: 1, batchSize: 2, seed: 1, learningRate: 0.1, probeEvery: 1, histogramBuckets: 5)
        let trainer = try Trainer(
            model: model, optimizer: Optimizer(kind: .sgd(momentum: 0, nesterov: false), learningRate: 0.1),
            loss: SoftmaxCrossEntropy(), train: data, validation: nil, config: config, sink: sink)
        _ = try trainer.run()

        // Direct: forward and backward on the twin over the same (permuted) batch.
        let order = EpochOrder(count: 2, seed: 1).permutation(epoch: 0)
        let batch = data.batch(order)
        var x = batch.features
        var outputs: [Tensor] = []
        for layer in twin.layers {
            x = try layer.forward(x, training: true)
            outputs.append(x)
        }
        let result = try SoftmaxCrossEntropy().evaluate(x, labels: batch.labels)
        var g = result.gradient
        for layer in twin.layers.reversed() { g = try layer.backward(g) }
        let weight = try XCTUnwrap((twin.layers[0] as? Dense)?.weight)
        let gradient = weight.gradient.storage
        let before = weight.value.storage
        let after = zip(before, gradient).map { $0 - 0.1 * $1 }
        func norm(_ v: [Float]) -> Double { sqrt(v.reduce(0) { $0 + Double($1) * Double($1) }) }

        let events = sink.recorded
        func value(_ layer: String, _ stat: LayerStat) throws -> Double {
            try XCTUnwrap(events.scalars(Tag.layer(layer, stat)).first?.value, "\(layer)/\(stat)")
        }
        XCTAssertEqual(try value("dense1", .gradNorm), norm(gradient), accuracy: 1e-9)
        XCTAssertEqual(try value("dense1", .weightNorm), norm(after), accuracy: 1e-6)
        let delta = zip(after, before).map { $0 - $1 }
        XCTAssertEqual(try value("dense1", .updateRatio), norm(delta) / norm(before), accuracy: 1e-6)
        // Dead units: ReLU outputs that are 0 for both examples.
        let relu = outputs[1].storage
        let dead = (0..<6).filter { relu[$0] <= 0 && relu[6 + $0] <= 0 }.count
        XCTAssertEqual(try value("relu1", .deadFraction), Double(dead) / 6)
        // Top-class probability of the logits, by hand.
        let logits = outputs[2].storage
        var top = 0.0
        for row in 0..<2 {
            let z = logits[(row * 3)..<(row * 3 + 3)].map(Double.init)
            let m = z.max()!
            top += exp(0) / z.reduce(0) { $0 + exp($1 - m) }
        }
        XCTAssertEqual(try value("dense2", .topProbability), top / 2, accuracy: 1e-9)
        // The weight histogram covers the updated weights in 5 buckets.
        let histogram = try XCTUnwrap(events.compactMap { event -> Histogram? in
            guard event.tag == Tag.layer("dense1", .weights), case .histogram(let h) = event.value else { return nil }
            return h
        }.first)
        XCTAssertEqual(histogram.bucketCounts.count, 5)
        XCTAssertEqual(histogram.count, Double(after.count))
        XCTAssertEqual(histogram.min, Double(after.min()!))
        XCTAssertEqual(histogram.max, Double(after.max()!))
    }

    func testLRRangeTestLeavesWeightsUntouchedAndSuggestsARate() throws {
        let data = try makeBlobs(count: 200, seed: 4)
        let model = try makeMLP(seed: 8, dropout: 0.1)
        let optimizer = try Optimizer(kind: .sgdMomentum, learningRate: 0.01)
        let before = parameterBits(model)
        let sink = CollectingSink()
        let result = try LRRangeTest.run(
            model: model, optimizer: optimizer, loss: SoftmaxCrossEntropy(), train: data,
            config: LRRangeTestConfig(startLR: 1e-5, endLR: 1e3, steps: 120, batchSize: 16, seed: 2), sink: sink)
        XCTAssertEqual(parameterBits(model), before, "weights restored bit for bit")
        XCTAssertEqual(optimizer.learningRate, 0.01)
        XCTAssertTrue(result.diverged, "1e3 blows a tiny MLP up")
        XCTAssertLessThan(result.points.count, 120)
        let steepest = try XCTUnwrap(result.steepest)
        let minOverTen = try XCTUnwrap(result.minimumOverTen)
        XCTAssertGreaterThan(steepest, 1e-5)
        XCTAssertLessThan(steepest, 1e3)
        XCTAssertLessThan(minOverTen, result.points.last!.learningRate)
        XCTAssertEqual(sink.recorded.scalars(Tag.lrFindLoss).map(\.step), Array(0..<result.points.count))
        XCTAssertEqual(sink.recorded.texts(Tag.lrFindSuggestion).count, 1)
        // Rates grow exponentially from startLR.
        XCTAssertEqual(result.points[0].learningRate, 1e-5, accuracy: 1e-10)
        let r1 = Double(result.points[1].learningRate / result.points[0].learningRate)
        let r2 = Double(result.points[2].learningRate / result.points[1].learningRate)
        XCTAssertEqual(r1, r2, accuracy: 1e-4)
    }

    func testSteepestAndMinimumSuggestionsOnAKnownCurve() {
        // Smoothed loss falls fastest between 1e-3 and 1e-2, bottoms out at 1e-1.
        let rates: [Float] = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1]
        let losses = [2.3, 2.29, 2.2, 1.0, 0.95, 5.0]
        let points = zip(rates, losses).map { LRRangePoint(learningRate: $0, loss: $1, smoothedLoss: $1) }
        XCTAssertEqual(LRRangeTest.steepest(points, diverged: true), 1e-3)
        XCTAssertEqual(LRRangeTest.minimumOverTen(points, diverged: true), 1e-2)
    }
}

final class LRFinderSuggestionRegionTests: XCTestCase {
    /// Noise at tiny rates and wobble after the minimum must not win: only the descent
    /// between the first tenth and the lowest loss counts.
    func testSteepestIgnoresStartNoiseAndPostMinimumSwings() {
        var points: [LRRangePoint] = []
        for index in 0..<100 {
            let rate = Float(pow(10, -7 + 8 * Double(index) / 99))
            var loss = 2.3
            if index == 3 { loss = 1.9 }                                   // early noise dip
            if (60..<70).contains(index) { loss = 2.3 - Double(index - 59) * 0.15 }  // the real descent
            if index >= 70 { loss = 0.8 + (index == 85 ? -0.5 : 0) + Double(index - 70) * 0.05 } // wobble after
            if index == 86 { loss = 3.0 }
            points.append(LRRangePoint(learningRate: rate, loss: loss, smoothedLoss: loss))
        }
        let steepest = try? XCTUnwrap(LRRangeTest.steepest(points, diverged: false))
        XCTAssertNotNil(steepest)
        let index = points.firstIndex { $0.learningRate == steepest }
        XCTAssertNotNil(index)
        XCTAssertTrue((59...70).contains(index ?? -1), "steepest at \(String(describing: index))")
    }
}
