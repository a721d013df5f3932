import Foundation

/// The figures `tunetop bench` knows, each a function of the thread counts to measure.
enum BenchCatalog {
    static let names = ["sgemm", "train", "W1", "W2", "W3", "frame", "dashboard_overhead", "probe_overhead", "replay_open"]
    static let defaultOrder = ["sgemm", "train", "frame", "dashboard_overhead", "probe_overhead", "replay_open"]
    static let sgemmSizes = [64, 128, 256, 512, 1024, 2048]

    static func run(_ name: String, threads: [Int]) throws -> [BenchFigure] {
        switch name {
        case "sgemm":
            return threads.flatMap { count in sgemmSizes.map { EngineBench.sgemm(n: $0, threads: count) } }
        case "train":
            return try ["W1", "W2", "W3"].flatMap { try run($0, threads: threads) }
        case "W1", "W2":
            return try threads.map { try EngineBench.train(workload: name, threads: $0) }
        case "W3":
            return try threads.map { try CNNBench.train(threads: $0) }
        case "frame":
            return [DashboardBench.frame(width: 200, height: 60, steps: 1_000_000)]
        case "dashboard_overhead":
            return [try DashboardOverheadBench.measure()]
        case "probe_overhead":
            return [try TrainingBench.probeOverhead()]
        case "replay_open":
            return [try TelemetryBench.replayOpen(events: 1_000_000)]
        default:
            throw CLIFailure("unknown bench figure '\(name)'")
        }
    }
}
