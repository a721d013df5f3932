import Foundation
import XCTest
@testable import Telemetry

/// A fresh temporary directory per test, removed afterwards.
func makeTemporaryDirectory(_ name: String = #function) throws -> String {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let path = NSTemporaryDirectory() + "tunetop-telemetry-\(safe)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// One event of every kind the run contract uses.
func sampleEvents(step: Int = 3, wallTime: Double = 1_700_000_000.25) -> [Event] {
    let histogram = Histogram(
        min: -1.5, max: 2.25, count: 10, sum: 3.5, sumSquares: 9.75,
        bucketLimits: [-1, 0, 1, 2.25], bucketCounts: [1, 4, 3, 2])
    let control = RecordJSON.encode(ControlRecord(action: "scale_lr", source: .key, lrBefore: 0.1, lrAfter: 0.05))
    return [
        Event(step: step, wallTime: wallTime, tag: Tag.trainLoss, value: .scalar(0.5)),
        Event(step: step, wallTime: wallTime, tag: Tag.learningRate, value: .scalar(0.125)),
        Event(step: step, wallTime: wallTime, tag: Tag.layer("fc1", .weights), value: .histogram(histogram)),
        Event(step: step, wallTime: wallTime, tag: Tag.control, value: .text(control)),
        Event(step: step, wallTime: wallTime, tag: Tag.config, value: .text("model: mlp\nlr: 0.1 — ünïcode")),
    ]
}

/// The bytes of a file.
func fileBytes(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// Writes bytes to a file, replacing it.
func writeBytes(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}
