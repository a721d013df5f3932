/// What a themed style is for. The raw values are the keys of a `.theme` file.
public enum ThemeRole: String, Sendable, CaseIterable {
    /// Ordinary text (its background is the whole screen's).
    case text
    /// Secondary text: axis labels, units, hints.
    case muted
    /// Rules and axes.
    case border
    /// Panel titles.
    case title
    /// The header bar.
    case header
    /// Highlights: the run name, key names in the footer.
    case accent
    /// Healthy values (update ratio near 1e-3).
    case good
    /// Values worth a look (update ratio beyond 1e-2 or below 1e-4, warnings).
    case warn
    /// Values that are wrong (NaN, critical advice).
    case bad
    /// Raw train loss, drawn faint behind the smoothed curve.
    case trainRaw = "train_raw"
    /// Smoothed train loss.
    case trainSmooth = "train_smooth"
    /// Validation points.
    case val
    /// The best validation point.
    case best
    /// Vertical markers where the learning rate changed.
    case marker
    /// The learning-rate curve.
    case lr
    /// Accuracy curves.
    case accuracy
    /// The selected table row.
    case selection
    /// Empty end of heat strips and bars.
    case heatLow = "heat_low"
    /// Full end of heat strips and bars.
    case heatHigh = "heat_high"
    /// The first run in a comparison.
    case compareA = "compare_a"
    /// The second run in a comparison.
    case compareB = "compare_b"
    /// Dialogs and the help overlay.
    case overlay
}
