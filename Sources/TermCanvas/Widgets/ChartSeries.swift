/// One x position of a chart series after downsampling: the range of values that fell in
/// its bucket and the last of them. Drawing the low–high span keeps spikes visible however
/// many points share a column; `last` connects the line.
public struct ChartSample: Sendable, Equatable {
    public var x: Double
    public var low: Double
    public var high: Double
    public var last: Double

    /// A bucket of several values.
    public init(x: Double, low: Double, high: Double, last: Double) {
        self.x = x
        self.low = low
        self.high = high
        self.last = last
    }

    /// A single point.
    public init(x: Double, y: Double) {
        self.init(x: x, low: y, high: y, last: y)
    }
}

/// A curve or a set of points to draw on a `LineChart`.
public struct ChartSeries: Sendable {
    /// Lines join consecutive samples; points stand alone (validation evaluations).
    public enum Kind: Sendable { case line, points }

    public var samples: [ChartSample]
    public var style: CellStyle
    public var kind: Kind

    /// Creates a series.
    public init(samples: [ChartSample], style: CellStyle, kind: Kind = .line) {
        self.samples = samples
        self.style = style
        self.kind = kind
    }
}

/// Something marked on a chart: a vertical rule at an x (a learning-rate change) or a
/// single highlighted point (the best validation loss).
public struct ChartMarker: Sendable {
    public enum Kind: Sendable {
        /// A dotted vertical rule, labelled at the top of the plot.
        case vertical
        /// A glyph at (x, y), labelled beside it.
        case point(y: Double)
    }

    public var x: Double
    public var label: String
    public var style: CellStyle
    public var kind: Kind

    /// Creates a marker.
    public init(x: Double, label: String, style: CellStyle, kind: Kind = .vertical) {
        self.x = x
        self.label = label
        self.style = style
        self.kind = kind
    }
}
