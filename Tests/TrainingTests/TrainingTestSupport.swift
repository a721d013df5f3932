import Datasets
import Engine
import Foundation
import Telemetry
@testable import Training

/// Gaussian blobs: `classes` clusters in `features` dimensions, linearly separable enough
/// for a tiny MLP to learn in a few epochs.
func makeBlobs(count: Int, classes: Int = 3, features: Int = 4, seed: UInt64) throws -> Dataset {
    var rng = SeededRNG(seed: seed)
    var values: [Float] = []
    var labels: [Int] = []
    for index in 0..<count {
        let label = index % classes
        for feature in 0..<features {
            let center: Float = feature % classes == label ? 2 : -1
            values.append(center + 0.7 * rng.nextNormal())
        }
        labels.append(label)
    }
    return try Dataset(name: "blobs", features: Tensor(shape: [count, features], storage: values), labels: labels, classCount: classes)
}

/// Dense → ReLU → (Dropout) → Dense, seeded.
func makeMLP(seed: UInt64, features: Int = 4, hidden: Int = 16, classes: Int = 3, dropout: Float? = nil) throws -> Sequential {
    var rng = SeededRNG(seed: seed)
    var layers: [any Layer] = [
        try Dense(name: "dense1", inputSize: features, outputSize: hidden, rng: &rng),
        ReLU(name: "relu1"),
    ]
    if let dropout { layers.append(try Dropout(name: "drop1", rate: dropout, seed: seed &+ 1)) }
    layers.append(try Dense(name: "dense2", inputSize: hidden, outputSize: classes, rng: &rng))
    return try Sequential(layers)
}

/// A sink that keeps every event (thread-safe), optionally sleeping in its first call.
final class CollectingSink: EventSink {
    private let events = Shared<[Event]>([])
    let sleepSeconds: Double
    let firstCallReturned = SharedFlag()

    init(sleepSeconds: Double = 0) {
        self.sleepSeconds = sleepSeconds
    }

    func record(_ batch: [Event]) {
        if sleepSeconds > 0, !firstCallReturned.isSet { Thread.sleep(forTimeInterval: sleepSeconds) }
        events.withLock { $0.append(contentsOf: batch) }
        firstCallReturned.set()
    }

    var recorded: [Event] { events.value }
}

/// Calls `action` on the trainer thread with each batch of events (to send commands at an
/// exact step).
final class ClosureObserver: EventObserver {
    let action: ([Event]) -> [Event]
    init(_ action: @escaping ([Event]) -> [Event]) { self.action = action }
    func observe(_ events: [Event]) -> [Event] { action(events) }
}

extension [Event] {
    /// (step, value) of every scalar with `tag`.
    func scalars(_ tag: String) -> [(step: Int, value: Double)] {
        compactMap { event in
            guard event.tag == tag, case .scalar(let value) = event.value else { return nil }
            return (event.step, value)
        }
    }

    /// The decoded control records with their steps.
    func controls() -> [(step: Int, record: ControlRecord)] {
        compactMap { event in
            guard event.tag == Tag.control, case .text(let text) = event.value,
                  let record = RecordJSON.decode(ControlRecord.self, from: text) else { return nil }
            return (event.step, record)
        }
    }

    func texts(_ tag: String) -> [(step: Int, text: String)] {
        compactMap { event in
            guard event.tag == tag, case .text(let text) = event.value else { return nil }
            return (event.step, text)
        }
    }
}

func parameterBits(_ model: Sequential) -> [[UInt32]] {
    model.parameters.map { $0.value.storage.map(\.bitPattern) }
}

func temporaryDirectory() -> String {
    NSTemporaryDirectory() + "tunetop-training-\(UUID().uuidString)"
}
