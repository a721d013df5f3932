import Foundation
import Telemetry

/// An LR range test (`tunetop lr-find`, tags `lr_find/…`): loss and smoothed loss at each
/// point of the sweep, the rate tried there, and the suggestions written at the end. What a
/// user reads from it is loss against log LR, so points are kept by index, joined by step.
struct LRFindHistory: Sendable {
    struct Point: Sendable, Equatable {
        var step: Int
        var rate: Double?
        var loss: Double?
        var smoothed: Double?
    }

    /// The sweep's points in step order (a sweep is a few hundred points; capped anyway).
    private(set) var points: [Point] = []
    /// Where the smoothed loss falls fastest.
    var steepest: Double?
    /// The rate of the lowest smoothed loss, divided by 10 (fastai's rule).
    var minOverTen: Double?

    static let maxPoints = 100_000

    var isEmpty: Bool { points.isEmpty }

    enum Field { case rate, loss, smoothed }

    mutating func record(_ field: Field, step: Int, value: Double) {
        let index: Int
        if let last = points.last, last.step == step {
            index = points.count - 1
        } else if points.last.map({ $0.step < step }) ?? true {
            guard points.count < Self.maxPoints else { return }
            points.append(Point(step: step))
            index = points.count - 1
        } else if let found = points.firstIndex(where: { $0.step >= step }) {
            if points[found].step != step { points.insert(Point(step: step), at: found) }
            index = found
        } else {
            return
        }
        switch field {
        case .rate: points[index].rate = value
        case .loss: points[index].loss = value
        case .smoothed: points[index].smoothed = value
        }
    }

    /// Reads the `lr_find/suggestion` JSON; false when it is not that JSON.
    mutating func recordSuggestion(_ text: String) -> Bool {
        guard let suggestion = RecordJSON.decode(LRSuggestionRecord.self, from: text) else { return false }
        steepest = suggestion.steepest.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
        minOverTen = suggestion.minOver10.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
        return true
    }

    /// Drops points at or after `step` (a writer restarted).
    mutating func truncate(fromStep step: Int) {
        points.removeAll { $0.step >= step }
    }

    /// The positive, finite rates tried, lowest to highest; nil before two distinct ones.
    var rateRange: ClosedRange<Double>? {
        var low = Double.infinity, high = -Double.infinity
        for point in points {
            guard let rate = point.rate, rate.isFinite, rate > 0 else { continue }
            low = min(low, rate)
            high = max(high, rate)
        }
        return high > low ? low...high : nil
    }

    /// One sample per dot column of `columns` over log10(rate) across `range` (the
    /// `rateRange`, worked out once per frame by the caller): the low, high and last value of
    /// `field` among the points in that column, at the column's last rate.
    func samples(
        _ field: KeyPath<Point, Double?>, columns: Int, range: ClosedRange<Double>
    ) -> [(x: Double, low: Double, high: Double, last: Double)] {
        guard columns > 0, range.upperBound > range.lowerBound, range.lowerBound > 0 else { return [] }
        let low = log10(range.lowerBound)
        let span = log10(range.upperBound) - low
        var result: [(x: Double, low: Double, high: Double, last: Double)] = []
        var currentColumn = -1
        for point in points {
            guard let rate = point.rate, rate > 0, rate.isFinite, let value = point[keyPath: field] else { continue }
            let column = min(columns - 1, max(0, Int((log10(rate) - low) / span * Double(columns - 1))))
            if column == currentColumn, var bucket = result.popLast() {
                if value.isFinite {
                    bucket.low = bucket.low.isFinite ? min(bucket.low, value) : value
                    bucket.high = bucket.high.isFinite ? max(bucket.high, value) : value
                }
                bucket.last = value
                bucket.x = rate
                result.append(bucket)
            } else {
                currentColumn = column
                result.append((rate, value, value, value))
            }
        }
        return result
    }
}
