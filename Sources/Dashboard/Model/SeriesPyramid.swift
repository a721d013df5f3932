/// A scalar series that answers "min, max and last value of points i..<j" in time
/// logarithmic in the run's length: raw points plus levels of min/max over blocks of
/// 16, 256, 4096… points. Charts ask one such question per column, so a frame costs the
/// same at step 100 and at step 10 million.
struct SeriesPyramid: Sendable {
    private static let fanout = 16

    /// Steps of the points, non-decreasing.
    private(set) var steps: [Int] = []
    /// Values of the points.
    private(set) var values: [Double] = []
    /// levels[k][i]: finite min/max of raw points [i·16^(k+1), (i+1)·16^(k+1)).
    private var levels: [[Bucket]] = []

    /// Finite min and max of a block; empty when the block held no finite value.
    struct Bucket: Sendable, Equatable {
        var low: Double = .infinity
        var high: Double = -.infinity
        var isEmpty: Bool { low > high }
        mutating func merge(_ other: Bucket) {
            if other.low < low { low = other.low }
            if other.high > high { high = other.high }
        }
        mutating func add(_ value: Double) {
            guard value.isFinite else { return }
            if value < low { low = value }
            if value > high { high = value }
        }
    }

    var count: Int { values.count }
    var isEmpty: Bool { values.isEmpty }
    var lastValue: Double? { values.last }
    var lastStep: Int? { steps.last }

    /// Appends a point; a step lower than the last one is kept in order by the caller's
    /// `truncate(fromStep:)` (a restarted writer), so steps stay sorted.
    mutating func append(step: Int, value: Double) {
        steps.append(step)
        values.append(value)
        var size = values.count
        var level = 0
        while size % Self.fanout == 0 {
            let blockIndex = size / Self.fanout - 1
            var bucket = Bucket()
            if level == 0 {
                for v in values[(blockIndex * Self.fanout)..<(size)] { bucket.add(v) }
            } else {
                for child in levels[level - 1][(blockIndex * Self.fanout)..<size] { bucket.merge(child) }
            }
            if levels.count == level { levels.append([]) }
            levels[level].append(bucket)
            size = levels[level].count
            level += 1
        }
    }

    /// Drops every point at or after `step` (TensorBoard's rule when a writer restarts).
    mutating func truncate(fromStep step: Int) {
        let keep = firstIndex(atOrAfter: step)
        guard keep < count else { return }
        let (oldSteps, oldValues) = (steps[..<keep], values[..<keep])
        self = SeriesPyramid()
        for (s, v) in zip(oldSteps, oldValues) { append(step: s, value: v) }
    }

    /// The index of the first point whose step is ≥ `step` (binary search).
    func firstIndex(atOrAfter step: Int) -> Int {
        var low = 0
        var high = steps.count
        while low < high {
            let mid = (low + high) / 2
            if steps[mid] < step { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Finite min/max of points `start..<end`.
    func bucket(_ start: Int, _ end: Int) -> Bucket {
        var result = Bucket()
        collect(level: -1, start, end, into: &result)
        return result
    }

    /// Level -1 is the raw values; level k ≥ 0 is `levels[k]`.
    private func collect(level: Int, _ start: Int, _ end: Int, into result: inout Bucket) {
        guard start < end else { return }
        let hasParent = level + 1 < levels.count
        if !hasParent || end - start < 2 * Self.fanout {
            scan(level: level, start, end, into: &result)
            return
        }
        let parentStart = (start + Self.fanout - 1) / Self.fanout
        let parentEnd = end / Self.fanout
        guard parentStart < parentEnd, parentEnd <= levels[level + 1].count else {
            scan(level: level, start, end, into: &result)
            return
        }
        scan(level: level, start, parentStart * Self.fanout, into: &result)
        collect(level: level + 1, parentStart, parentEnd, into: &result)
        scan(level: level, parentEnd * Self.fanout, end, into: &result)
    }

    private func scan(level: Int, _ start: Int, _ end: Int, into result: inout Bucket) {
        guard start < end else { return }
        if level < 0 {
            for i in start..<end { result.add(values[i]) }
        } else {
            for i in start..<end { result.merge(levels[level][i]) }
        }
    }

    /// The points with steps in `lower...upper`, reduced to at most `columns` buckets of
    /// equal step width: each bucket's finite min, max, and its last value.
    func downsample(lower: Int, upper: Int, columns: Int) -> [(step: Int, low: Double, high: Double, last: Double)] {
        guard columns > 0, upper >= lower else { return [] }
        let startIndex = firstIndex(atOrAfter: lower)
        let endIndex = firstIndex(atOrAfter: upper + 1)
        guard startIndex < endIndex else { return [] }
        var result: [(step: Int, low: Double, high: Double, last: Double)] = []
        result.reserveCapacity(min(columns, endIndex - startIndex))
        let span = Double(upper - lower + 1)
        var index = startIndex
        for column in 0..<columns where index < endIndex {
            let columnEnd = lower + Int((Double(column + 1) * span / Double(columns)).rounded(.down)) - 1
            let next = column == columns - 1 ? endIndex : min(endIndex, firstIndex(atOrAfter: columnEnd + 1))
            guard next > index else { continue }
            let bucket = bucket(index, next)
            let last = values[next - 1]
            if !bucket.isEmpty || !last.isFinite {
                result.append((steps[next - 1], bucket.isEmpty ? last : bucket.low, bucket.isEmpty ? last : bucket.high, last))
            }
            index = next
        }
        return result
    }
}
