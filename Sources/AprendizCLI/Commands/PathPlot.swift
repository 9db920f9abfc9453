import Aprendiz
import Foundation

/// An SVG of a test function's contour lines with optimizer paths drawn over them (figures 6.3–6.4).
///
/// Contours are traced by marching squares on a 120×120 grid of f (levels spaced logarithmically
/// for deep valleys such as Rosenbrock's); each path is a polyline with a dot at every iterate, the
/// start marked by a circle, and a legend names the optimizers. Points outside the window are
/// clipped (a diverging method leaves the frame).
struct PathPlot {
    let function: TestFunction
    let paths: [(String, MinimizationResult)]
    let width = 640.0, height = 560.0, margin = 56.0, resolution = 120, levelCount = 18
    static let palette = ["#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"]

    func svg() -> String {
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <clipPath id="frame"><rect x="\(margin)" y="\(margin)" width="\(plotWidth)" height="\(plotHeight)"/></clipPath>
        <text x="\(width / 2)" y="22" text-anchor="middle" font-size="15">\(escaped(function.name)): \(escaped(function.formula))</text>

        """
        out += contours()
        out += axes()
        for (index, (name, result)) in paths.enumerated() {
            out += path(result, color: Self.palette[index % Self.palette.count], label: name)
        }
        out += legend()
        return out + "</svg>\n"
    }

    private var plotWidth: Double { width - 2 * margin }
    private var plotHeight: Double { height - 2 * margin }

    private func screen(_ x: Double, _ y: Double) -> (Double, Double) {
        let (x0, x1) = (Double(function.xRange.lowerBound), Double(function.xRange.upperBound))
        let (y0, y1) = (Double(function.yRange.lowerBound), Double(function.yRange.upperBound))
        return (margin + (x - x0) / (x1 - x0) * plotWidth, height - margin - (y - y0) / (y1 - y0) * plotHeight)
    }

    /// f on the grid, row j (y) by column i (x).
    private func grid() -> (xs: [Double], ys: [Double], values: [[Double]]) {
        let n = resolution
        let xs = (0...n).map { Double(function.xRange.lowerBound) + Double($0) / Double(n) * Double(function.xRange.upperBound - function.xRange.lowerBound) }
        let ys = (0...n).map { Double(function.yRange.lowerBound) + Double($0) / Double(n) * Double(function.yRange.upperBound - function.yRange.lowerBound) }
        let gx = Tensor(shape: [n + 1, n + 1], scalars: ys.flatMap { _ in xs.map(Float.init) })
        let gy = Tensor(shape: [n + 1, n + 1], scalars: ys.flatMap { y in xs.map { _ in Float(y) } })
        let v = function.values(x: gx, y: gy).scalars.map(Double.init)
        return (xs, ys, (0...n).map { j in Array(v[(j * (n + 1))..<((j + 1) * (n + 1))]) })
    }

    private func levels(_ values: [[Double]]) -> [Double] {
        let flat = values.joined().filter(\.isFinite)
        let (low, high) = (flat.min() ?? 0, flat.max() ?? 1)
        let span = max(high - low, 1e-12)
        return (1...levelCount).map { k in
            let s = Double(k) / Double(levelCount + 1)
            return function.prefersLogarithmicLevels ? low + span * pow(10, -4 * (1 - s)) : low + span * s
        }
    }

    /// Marching squares: one line segment per cell edge pair crossed by a level.
    private func contours() -> String {
        let (xs, ys, v) = grid()
        var out = "<g clip-path=\"url(#frame)\" fill=\"none\" stroke-width=\"0.8\">\n"
        let lv = levels(v)
        for (k, level) in lv.enumerated() {
            var d = ""
            for j in 0..<(ys.count - 1) {
                for i in 0..<(xs.count - 1) {
                    let corners = [(xs[i], ys[j], v[j][i]), (xs[i + 1], ys[j], v[j][i + 1]),
                                   (xs[i + 1], ys[j + 1], v[j + 1][i + 1]), (xs[i], ys[j + 1], v[j + 1][i])]
                    var crossings: [(Double, Double)] = []
                    for e in 0..<4 {
                        let (a, b) = (corners[e], corners[(e + 1) % 4])
                        guard (a.2 < level) != (b.2 < level), a.2.isFinite, b.2.isFinite else { continue }
                        let t = (level - a.2) / (b.2 - a.2)
                        crossings.append(screen(a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)))
                    }
                    for s in stride(from: 0, to: crossings.count - 1, by: 2) {
                        d += "M\(fmt(crossings[s].0)) \(fmt(crossings[s].1))L\(fmt(crossings[s + 1].0)) \(fmt(crossings[s + 1].1))"
                    }
                }
            }
            let shade = Int(200 - 140 * Double(k) / Double(max(lv.count - 1, 1)))
            out += "<path stroke=\"rgb(\(shade),\(shade),\(shade))\" d=\"\(d)\"/>\n"
        }
        for minimum in function.minima {
            let (x, y) = screen(Double(minimum.scalars[0]), Double(minimum.scalars[1]))
            out += "<path d=\"M\(fmt(x - 6)) \(fmt(y))h12M\(fmt(x)) \(fmt(y - 6))v12\" stroke=\"black\" stroke-width=\"2\"/>\n"
        }
        return out + "</g>\n"
    }

    private func axes() -> String {
        var out = "<rect x=\"\(margin)\" y=\"\(margin)\" width=\"\(plotWidth)\" height=\"\(plotHeight)\" fill=\"none\" stroke=\"black\"/>\n"
        for s in [0.0, 0.25, 0.5, 0.75, 1.0] {
            let x = Double(function.xRange.lowerBound) + s * Double(function.xRange.upperBound - function.xRange.lowerBound)
            let y = Double(function.yRange.lowerBound) + s * Double(function.yRange.upperBound - function.yRange.lowerBound)
            let (sx, _) = screen(x, 0), (_, sy) = screen(0, y)
            out += "<text x=\"\(fmt(sx))\" y=\"\(fmt(height - margin + 18))\" text-anchor=\"middle\">\(label(x))</text>\n"
            out += "<text x=\"\(fmt(margin - 8))\" y=\"\(fmt(sy + 4))\" text-anchor=\"end\">\(label(y))</text>\n"
        }
        out += "<text x=\"\(width / 2)\" y=\"\(height - 14)\" text-anchor=\"middle\">x</text>\n"
        return out + "<text x=\"16\" y=\"\(height / 2)\" text-anchor=\"middle\">y</text>\n"
    }

    private func path(_ result: MinimizationResult, color: String, label: String) -> String {
        let points = result.path.map { screen(Double($0.scalars[0]), Double($0.scalars[1])) }.filter { $0.0.isFinite && $0.1.isFinite }
        guard let first = points.first else { return "" }
        var out = "<g clip-path=\"url(#frame)\">\n<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\""
        out += points.map { "\(fmt($0.0)),\(fmt($0.1))" }.joined(separator: " ") + "\"/>\n"
        let every = max(1, points.count / 60)
        for (index, p) in points.enumerated() where index % every == 0 || index == points.count - 1 {
            out += "<circle cx=\"\(fmt(p.0))\" cy=\"\(fmt(p.1))\" r=\"2.2\" fill=\"\(color)\"/>\n"
        }
        out += "<circle cx=\"\(fmt(first.0))\" cy=\"\(fmt(first.1))\" r=\"6\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
        return out + "</g>\n"
    }

    private func legend() -> String {
        let x = width - margin - 190, y = margin + 10
        var out = "<rect x=\"\(x)\" y=\"\(y)\" width=\"184\" height=\"\(paths.count * 18 + 10)\" fill=\"white\" fill-opacity=\"0.85\" stroke=\"#888\"/>\n"
        for (index, (name, result)) in paths.enumerated() {
            let row = y + 18 + Double(index) * 18, color = Self.palette[index % Self.palette.count]
            out += "<line x1=\"\(x + 8)\" y1=\"\(row - 4)\" x2=\"\(x + 30)\" y2=\"\(row - 4)\" stroke=\"\(color)\" stroke-width=\"3\"/>\n"
            out += "<text x=\"\(x + 36)\" y=\"\(row)\">\(escaped(name)) (\(result.steps) steps)</text>\n"
        }
        return out
    }

    private func fmt(_ v: Double) -> String { String(format: "%.1f", v) }
    private func label(_ v: Double) -> String { String(format: "%g", v) }
    private func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
