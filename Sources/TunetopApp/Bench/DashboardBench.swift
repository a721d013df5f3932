import Dashboard
import Foundation
import Telemetry
import TermCanvas

/// `frame`: the time to render one full dashboard frame from a long run's history. The view
/// downsamples through min/max pyramids, so the figure should not grow with `steps`.
enum DashboardBench {
    /// Renders a `width × height` frame of a synthetic run with `steps` steps of train loss
    /// and LR, an evaluation every 1000 steps, four layers probed every 100 steps and a few
    /// LR changes; returns the median of the frame times in milliseconds.
    static func frame(width: Int, height: Int, steps: Int) -> BenchFigure {
        var state = DashboardState(mode: .live(name: "bench"), options: DashboardOptions())
        _ = state.update(.events(syntheticRun(steps: steps)))
        let size = Size(width: width, height: height)
        _ = DashboardView.render(state, size: size)  // warm up
        var times: [Double] = []
        for _ in 0..<21 {
            let start = DispatchTime.now().uptimeNanoseconds
            let buffer = DashboardView.render(state, size: size)
            let end = DispatchTime.now().uptimeNanoseconds
            precondition(buffer.width == width)
            times.append(Double(end - start) / 1e6)
        }
        times.sort()
        return BenchFigure(figure: "frame", n: steps, threads: 1, value: times[times.count / 2], unit: "ms",
                           details: ["width": Double(width), "height": Double(height), "min_ms": times[0],
                                     "max_ms": times[times.count - 1]])
    }

    /// A synthetic run shaped like a real one (noisy decaying loss, halvings, layer stats).
    static func syntheticRun(steps: Int) -> [Event] {
        var events: [Event] = []
        events.reserveCapacity(steps * 2 + steps / 10 * 12)
        events.append(Event(step: 0, wallTime: 0, tag: Tag.totalSteps, value: .scalar(Double(steps) * 1.2)))
        var lr = 0.1
        var noise: UInt64 = 0x9E37_79B9_7F4A_7C15
        for step in 1...max(1, steps) {
            noise = noise &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let jitter = Double(noise >> 40) / Double(1 << 24) - 0.5
            let wall = Double(step) * 0.001
            events.append(Event(step: step, wallTime: wall, tag: Tag.trainLoss,
                                value: .scalar(2 / (1 + Double(step) / 1000) * (1 + 0.3 * jitter))))
            if step % (max(1, steps / 5)) == 0 {
                let record = ControlRecord(action: "scale_lr", source: .key, lrBefore: lr, lrAfter: lr / 2)
                events.append(Event(step: step, wallTime: wall, tag: Tag.control, value: .text(RecordJSON.encode(record))))
                lr /= 2
            }
            events.append(Event(step: step, wallTime: wall, tag: Tag.learningRate, value: .scalar(lr)))
            if step % 1000 == 0 {
                events.append(Event(step: step, wallTime: wall, tag: Tag.valLoss, value: .scalar(2.2 / (1 + Double(step) / 900))))
                events.append(Event(step: step, wallTime: wall, tag: Tag.valAccuracy, value: .scalar(1 - 1 / (1 + Double(step) / 1000))))
            }
            if step % 100 == 0 {
                for layer in ["conv1", "conv2", "fc1", "fc2"] {
                    events.append(Event(step: step, wallTime: wall, tag: Tag.layer(layer, .updateRatio), value: .scalar(1e-3 * (1 + jitter))))
                    events.append(Event(step: step, wallTime: wall, tag: Tag.layer(layer, .weightNorm), value: .scalar(3 + jitter)))
                    events.append(Event(step: step, wallTime: wall, tag: Tag.layer(layer, .gradNorm), value: .scalar(0.5 + jitter)))
                    events.append(Event(step: step, wallTime: wall, tag: Tag.layer(layer, .deadFraction), value: .scalar(0.1)))
                    let histogram = Histogram(min: -1 + jitter, max: 1, count: 1000, sum: 0, sumSquares: 300,
                                              bucketLimits: stride(from: -0.9, through: 1.0, by: 0.1).map { $0 },
                                              bucketCounts: (0..<20).map { Double(50 + ($0 - 10) * ($0 - 10)) })
                    events.append(Event(step: step, wallTime: wall, tag: Tag.layer(layer, .activations), value: .histogram(histogram)))
                }
            }
        }
        return events
    }
}
