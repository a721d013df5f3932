/// The model's output width against what the loss needs: one logit per class, or a single
/// logit for binary cross-entropy on a two-class data set.
enum OutputCheck {
    /// Why the width is wrong (phrased to follow the last layer's key), or nil when fine or
    /// unknown before the data is read.
    static func mismatch(width: Int?, classes: Int?, loss: LossSettings, dataset: String) -> String? {
        if case .binaryCrossEntropy = loss {
            if let classes, classes != 2 {
                return "feeds loss 'bce', which needs a two-class data set, but \(dataset) has \(classes) classes; use cross_entropy"
            }
            if let width, width != 1 {
                return "ends the model with \(width) outputs but loss 'bce' takes one logit; the last dense layer needs units = 1"
            }
            return nil
        }
        guard let width, let classes, width != classes else { return nil }
        return "ends the model with \(width) outputs but \(dataset) has \(classes) classes; the last dense layer needs units = \(classes)"
    }
}
