import Foundation
import Training

/// Loss against learning rate on a log-x axis, as plain text: lr-find prints it whether or
/// not a terminal is attached, so logs and CI keep the picture.
enum LRPlot {
    static func render(_ points: [LRRangePoint], width: Int, height: Int) -> String {
        let usable = points.filter { $0.learningRate > 0 && $0.smoothedLoss.isFinite }
        guard usable.count >= 2, width >= 10, height >= 4 else { return "(too few points to draw)" }
        let logRates = usable.map { log10(Double($0.learningRate)) }
        let losses = usable.map(\.smoothedLoss)
        let (xMin, xMax) = (logRates.min()!, logRates.max()!)
        let first = losses[0]
        // Clip the blow-up so the interesting descent keeps the vertical resolution.
        let yMax = min(losses.max()!, first * 2)
        let yMin = losses.min()!
        var grid = Array(repeating: Array(repeating: Character(" "), count: width), count: height)
        for (x, y) in zip(logRates, losses) {
            let column = Int(((x - xMin) / max(xMax - xMin, 1e-12)) * Double(width - 1))
            let clipped = min(y, yMax)
            let row = height - 1 - Int(((clipped - yMin) / max(yMax - yMin, 1e-12)) * Double(height - 1))
            grid[max(0, min(height - 1, row))][max(0, min(width - 1, column))] = y > yMax ? "^" : "*"
        }
        var lines: [String] = []
        for (index, row) in grid.enumerated() {
            let label: String
            if index == 0 { label = String(format: "%8.3g", yMax) }
            else if index == height - 1 { label = String(format: "%8.3g", yMin) }
            else { label = String(repeating: " ", count: 8) }
            lines.append("\(label) │" + String(row))
        }
        lines.append(String(repeating: " ", count: 9) + "└" + String(repeating: "─", count: width))
        let left = String(format: "%.0e", pow(10, xMin))
        let right = String(format: "%.0e", pow(10, xMax))
        let gap = max(1, width - left.count - right.count)
        lines.append(String(repeating: " ", count: 10) + left + String(repeating: " ", count: gap) + right)
        lines.append(String(repeating: " ", count: 10) + "smoothed loss vs learning rate (log scale)")
        return lines.joined(separator: "\n")
    }
}
