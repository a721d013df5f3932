import Telemetry
import TermCanvas
@testable import Dashboard

/// A screen in memory: keys come from a script, frames are kept.
final class FakeScreen: Screen {
    var size: Size
    var keys: [Key?]
    private(set) var frames: [CellBuffer] = []
    let glyphMode: GlyphMode

    init(size: Size = Size(width: 80, height: 24), keys: [Key?], glyphs: GlyphMode = .ascii) {
        self.size = size
        self.keys = keys
        self.glyphMode = glyphs
    }

    func present(_ buffer: CellBuffer) { frames.append(buffer) }

    /// The next scripted key; a signal once the script runs out, so a test never hangs.
    func readKey(timeoutMilliseconds: Int) -> Key? {
        keys.isEmpty ? .signal(15) : keys.removeFirst()
    }
}

/// A small synthetic run: loss falling from 2, val every 50 steps, one LR halving at 100,
/// two layers with stats and histograms.
enum SampleRun {
    static func events(steps: Int = 200, summary: Bool = false) -> [Event] {
        var events: [Event] = [
            Event(step: 0, wallTime: 1000, tag: Tag.totalSteps, value: .scalar(Double(steps * 2))),
            Event(step: 0, wallTime: 1000, tag: Tag.epoch, value: .scalar(1)),
        ]
        var lr = 0.1
        for step in 1...steps {
            let wall = 1000 + Double(step) * 0.01
            events.append(Event(step: step, wallTime: wall, tag: Tag.trainLoss, value: .scalar(2 / (1 + Double(step) / 20))))
            if step == 100 {
                let record = ControlRecord(action: "scale_lr", source: .key, lrBefore: lr, lrAfter: lr / 2)
                events.append(Event(step: step, wallTime: wall, tag: Tag.control, value: .text(RecordJSON.encode(record))))
                lr /= 2
            }
            events.append(Event(step: step, wallTime: wall, tag: Tag.learningRate, value: .scalar(lr)))
            if step % 50 == 0 {
                events.append(Event(step: step, wallTime: wall, tag: Tag.valLoss, value: .scalar(2.2 / (1 + Double(step) / 25))))
                events.append(Event(step: step, wallTime: wall, tag: Tag.valAccuracy, value: .scalar(Double(step) / Double(steps))))
                for layer in ["fc1", "fc2"] {
                    events.append(Event(step: step, wallTime: wall, tag: Tag.layer(layer, .updateRatio), value: .scalar(layer == "fc1" ? 1e-3 : 5e-2)))
                    events.append(Event(step: step, wallTime: wall, tag: Tag.layer(layer, .weightNorm), value: .scalar(3 + Double(step) / 100)))
                    events.append(Event(step: step, wallTime: wall, tag: Tag.layer(layer, .gradNorm), value: .scalar(0.5)))
                    events.append(Event(step: step, wallTime: wall, tag: Tag.layer(layer, .deadFraction), value: .scalar(0.25)))
                    let histogram = Histogram(min: -1, max: 1, count: 100, sum: 0, sumSquares: 30,
                                              bucketLimits: [-0.5, 0, 0.5, 1], bucketCounts: [10, 40, 40, 10])
                    events.append(Event(step: step, wallTime: wall, tag: Tag.layer(layer, .activations), value: .histogram(histogram)))
                }
            }
        }
        if summary {
            let record = RunSummary(endReason: .userStop, bestStep: steps, bestValLoss: 0.2)
            events.append(Event(step: steps, wallTime: 1000 + Double(steps) * 0.01 + 0.5, tag: Tag.summary, value: .text(RecordJSON.encode(record))))
        }
        return events
    }
}
