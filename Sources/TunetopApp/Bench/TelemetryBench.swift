import Foundation
import Telemetry

/// `replay_open`: the time to open a run of `events` scalar events — read every file, verify both
/// CRCs of every record, decode, apply restart semantics and build the step index — and the time
/// of a seek afterwards.
enum TelemetryBench {
    /// Writes a run of `events` scalars (four tags per step) with `RunWriter`, one scalar per record
    /// (the worst case: a writer that never batches), opens it three times and returns the median.
    /// Details: `records`, `file_mb`, `seek_us` (mean of 10 000 random seeks).
    static func replayOpen(events: Int) throws -> BenchFigure {
        let directory = NSTemporaryDirectory() + "tunetop-bench-replay-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let writer = try RunWriter(directory: directory)
        let tags = [Tag.trainLoss, Tag.learningRate, Tag.trainAccuracy, Tag.examplesPerSecond]
        for index in 0..<events {
            let step = index / tags.count
            let value = 1 / Double(step + 1) + Double(index % tags.count)
            writer.write([Event(step: step, wallTime: 1_700_000_000 + Double(step) * 0.01, tag: tags[index % tags.count], value: .scalar(value))])
        }
        try writer.close()
        let fileBytes = (try? FileManager.default.attributesOfItem(atPath: writer.path)[.size] as? Int) ?? 0

        var times: [Double] = []
        var cpuTimes: [Double] = []
        var contents: RunContents?
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = EngineBench.threadCPUSeconds()
            contents = try RunReader.read(path: directory)
            cpuTimes.append(EngineBench.threadCPUSeconds() - cpuStart)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        guard let contents, contents.events.count == events, contents.damages.isEmpty else {
            throw RunFileError.io(file: directory, operation: "bench replay", reason: "read back \(contents?.events.count ?? 0) of \(events) events")
        }
        let seeks = 10_000
        var generator = SystemRandomNumberGenerator()
        let lastStep = max(1, contents.lastStep ?? 1)
        var checksum = 0
        let seekStart = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<seeks { checksum &+= contents.index(ofStep: Int.random(in: 0...lastStep, using: &generator)) }
        let seekMicros = Double(DispatchTime.now().uptimeNanoseconds - seekStart) / 1e3 / Double(seeks)
        precondition(checksum >= 0)
        times.sort()
        cpuTimes.sort()
        return BenchFigure(
            figure: "replay_open", n: events, threads: 1, value: times[1], unit: "s",
            details: ["records": Double(events), "file_mb": Double(fileBytes) / 1e6, "seek_us": seekMicros,
                      "min_s": times[0], "max_s": times[2], "cpu_s": cpuTimes[1]])
    }
}
