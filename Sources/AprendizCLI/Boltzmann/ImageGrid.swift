import Aprendiz
import Foundation

/// Rows of a matrix drawn as small square images side by side (an RBM's filters, Gibbs samples): each row,
/// `side × side` values in row-major order, becomes a block of grey cells, white = its lowest value and
/// black = its highest (scaled per image, as filter pictures usually are), or a fixed 0 → white, 1 → black
/// when `range` is given (probabilities).
struct ImageGrid {
    var images: Tensor
    var side: Int
    var columns: Int
    var title: String
    var range: ClosedRange<Float>?

    /// The SVG document.
    func svg(cell: Double = 4, gap: Double = 4) -> String {
        let count = images.shape[0], rows = (count + columns - 1) / columns
        let block = Double(side) * cell + gap
        let width = Double(columns) * block + gap, height = Double(rows) * block + gap + 24
        var lines = ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">",
                     "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
                     "<text x=\"\(gap)\" y=\"16\" font-family=\"sans-serif\" font-size=\"13\">\(escaped(title))</text>"]
        let values = images.scalars, size = side * side
        for index in 0..<count {
            let pixels = values[(index * size)..<((index + 1) * size)]
            let low = range?.lowerBound ?? pixels.min()!, high = range?.upperBound ?? pixels.max()!
            let x0 = gap + Double(index % columns) * block, y0 = 24 + gap + Double(index / columns) * block
            for (k, value) in pixels.enumerated() {
                let t = high > low ? Double((value - low) / (high - low)) : 0
                let color = Colormap.grays.color(at: t).hexString
                lines.append("<rect x=\"\(x0 + Double(k % side) * cell)\" y=\"\(y0 + Double(k / side) * cell)\" width=\"\(cell)\" height=\"\(cell)\" fill=\"\(color)\"/>")
            }
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n")
    }

    private func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
