import TermCanvas

/// Where each panel goes for a screen size. Proportional, so 80×24 and 200×60 both fill.
struct DashboardLayout: Equatable {
    /// Below this the dashboard shows only the too-small message.
    static let minimum = Size(width: 80, height: 24)

    var header: Rect
    var loss: Rect
    var accuracy: Rect
    var learningRate: Rect
    var table: Rect
    var histogram: Rect
    var log: Rect
    var footer: Rect

    /// The layout, or nil when the screen is below `minimum`.
    init?(size: Size) {
        guard size.width >= Self.minimum.width, size.height >= Self.minimum.height else { return nil }
        let screen = Rect(x: 0, y: 0, width: size.width, height: size.height)
        let (header, afterHeader) = screen.splitTop(2)
        let (body, footer) = afterHeader.splitBottom(1)
        let chartsHeight = max(9, body.height * 45 / 100)
        let (charts, bottom) = body.splitTop(chartsHeight)
        let logHeight = max(4, bottom.height * 30 / 100)
        let (middle, log) = bottom.splitBottom(logHeight)
        let leftWidth = size.width * 60 / 100
        var (loss, side) = charts.splitLeft(leftWidth)
        loss.width -= 1  // a column between the loss chart and the side charts' labels
        let (accuracy, learningRate) = side.splitTop(side.height / 2)
        let (table, histogram) = middle.splitLeft(leftWidth)
        self.header = header
        self.loss = loss
        self.accuracy = accuracy
        self.learningRate = learningRate
        self.table = table
        self.histogram = histogram
        self.log = log
        self.footer = footer
    }
}
