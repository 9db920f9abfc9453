import Aprendiz
import Foundation

/// One ViT head's attention from the class token over the image patches (§25.7), as SVG: the grey
/// image (black = 1) under a red veil per patch whose opacity is the patch's weight over the largest,
/// with the weight in per cent written on it; a line over the picture gives the weight the class token keeps for itself.
struct PatchAttentionPicture {
    /// The image `[S, S]` in [0, 1], row-major.
    var pixels: [Float]
    var side: Int
    var patch: Int
    /// The class token's weights over the patches, row-major (the 17 × 17 map's row 0 without column 0).
    var weights: [Float]
    /// The class token's weight on itself.
    var selfWeight: Float
    var title: String
    /// A second line under the title (the image and the prediction).
    var subtitle: String

    /// The SVG document.
    func svg(cell: Double = 8) -> String {
        let size = Double(side) * cell, top = 56.0, grid = side / patch
        var lines = ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(size + 16)\" height=\"\(size + top + 8)\" "
                        + "viewBox=\"0 0 \(size + 16) \(size + top + 8)\">",
                     "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
                     "<text x=\"8\" y=\"16\" font-family=\"sans-serif\" font-size=\"13\">\(title)</text>",
                     "<text x=\"8\" y=\"31\" font-family=\"sans-serif\" font-size=\"11\">\(subtitle)</text>",
                     "<text x=\"8\" y=\"46\" font-family=\"sans-serif\" font-size=\"11\">class token → patches (%; "
                        + String(format: "itself %.1f)", 100 * selfWeight) + "</text>"]
        for (k, value) in pixels.enumerated() {
            let color = Colormap.grays.color(at: Double(min(max(value, 0), 1))).hexString
            lines.append("<rect x=\"\(8 + Double(k % side) * cell)\" y=\"\(top + Double(k / side) * cell)\" width=\"\(cell)\" "
                         + "height=\"\(cell)\" fill=\"\(color)\"/>")
        }
        let largest = max(weights.max() ?? 0, 1e-12), span = Double(patch) * cell
        for (index, weight) in weights.enumerated() {
            let (x, y) = (8 + Double(index % grid) * span, top + Double(index / grid) * span)
            lines.append("<rect x=\"\(x)\" y=\"\(y)\" width=\"\(span)\" height=\"\(span)\" fill=\"#d62728\" fill-opacity=\""
                         + String(format: "%.3f", 0.75 * Double(weight / largest)) + "\" stroke=\"#888888\" stroke-width=\"0.5\"/>")
            lines.append("<text x=\"\(x + 3)\" y=\"\(y + 12)\" font-family=\"sans-serif\" font-size=\"10\" fill=\"#1f77b4\">"
                         + String(format: "%.1f", 100 * weight) + "</text>")
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n")
    }
}
