// Contour lines: choosing levels and tracing them with marching squares.
import Foundation

/// Which values of a gridded function get a contour line.
public enum ContourLevels: Sendable, Hashable {
    /// About `count` evenly spaced "nice" values (1, 2 or 5 × 10ⁿ steps) strictly inside the data range.
    case linear(count: Int)
    /// `count` values spaced evenly on a log scale between the smallest positive value
    /// (but at least 10⁻⁶ × the largest) and the largest, rounded to two significant digits.
    /// Suits functions like Rosenbrock's whose interesting detail is near the minimum.
    case logarithmic(count: Int)
    /// Exactly these values (non-finite ones are dropped).
    case values([Double])

    /// The level values for a grid of `values`, in increasing order.
    public func resolved(for values: [[Double]]) -> [Double] {
        let finite = values.joined().filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max(), high > low else {
            if case .values(let explicit) = self { return explicit.filter(\.isFinite).sorted() }
            return []
        }
        switch self {
        case .linear(let count):
            return Ticks.within(low...high, count: max(count, 1) + 1).filter { $0 > low && $0 < high }
        case .logarithmic(let count):
            guard high > 0 else { return [] }
            let smallest = max(finite.filter { $0 > 0 }.min() ?? high * 1e-6, high * 1e-6)
            let n = max(count, 1)
            let (logLow, logHigh) = (log10(smallest), log10(high))
            let levels = (1...n).map { index -> Double in
                let value = pow(10, logLow + Double(index) / Double(n + 1) * (logHigh - logLow))
                let magnitude = pow(10, floor(log10(value)) - 1)
                return (value / magnitude).rounded() * magnitude
            }
            return Array(Set(levels)).sorted()
        case .values(let explicit):
            return explicit.filter(\.isFinite).sorted()
        }
    }
}

/// Traces level sets of a function sampled on a rectilinear grid (the marching-squares algorithm).
public enum MarchingSquares {
    /// A grid edge: the horizontal edge from node (i, j) to (i+1, j), or the vertical one to (i, j+1).
    private struct Edge: Hashable {
        var i: Int
        var j: Int
        var vertical: Bool
    }

    /// The polylines where the function equals `level`.
    ///
    /// `values[j][i]` is the function at (`xs[i]`, `ys[j]`). Crossing points are interpolated
    /// linearly along cell edges; saddle cells are resolved with the cell-centre average. Segments
    /// are joined into polylines; a closed curve repeats its first point at the end. Cells with a
    /// non-finite corner are skipped.
    public static func isolines(xs: [Double], ys: [Double], values: [[Double]], level: Double) -> [[PlotPoint]] {
        let columns = xs.count, rows = ys.count
        guard columns >= 2, rows >= 2, values.count >= rows, level.isFinite,
              values.prefix(rows).allSatisfy({ $0.count >= columns }) else { return [] }

        func value(_ i: Int, _ j: Int) -> Double { values[j][i] }
        func point(on edge: Edge) -> PlotPoint {
            let (i2, j2) = edge.vertical ? (edge.i, edge.j + 1) : (edge.i + 1, edge.j)
            let a = value(edge.i, edge.j), b = value(i2, j2)
            let t = b == a ? 0.5 : min(max((level - a) / (b - a), 0), 1)
            return PlotPoint(x: xs[edge.i] + t * (xs[i2] - xs[edge.i]), y: ys[edge.j] + t * (ys[j2] - ys[edge.j]))
        }

        var neighbours: [Edge: [Edge]] = [:]
        func connect(_ a: Edge, _ b: Edge) {
            neighbours[a, default: []].append(b)
            neighbours[b, default: []].append(a)
        }
        for j in 0..<(rows - 1) {
            for i in 0..<(columns - 1) {
                let v00 = value(i, j), v10 = value(i + 1, j), v11 = value(i + 1, j + 1), v01 = value(i, j + 1)
                guard v00.isFinite, v10.isFinite, v11.isFinite, v01.isFinite else { continue }
                let above = [v00 >= level, v10 >= level, v11 >= level, v01 >= level]
                let bottom = Edge(i: i, j: j, vertical: false), top = Edge(i: i, j: j + 1, vertical: false)
                let left = Edge(i: i, j: j, vertical: true), right = Edge(i: i + 1, j: j, vertical: true)
                var crossed: [Edge] = []
                if above[0] != above[1] { crossed.append(bottom) }
                if above[1] != above[2] { crossed.append(right) }
                if above[2] != above[3] { crossed.append(top) }
                if above[3] != above[0] { crossed.append(left) }
                if crossed.count == 2 {
                    connect(crossed[0], crossed[1])
                } else if crossed.count == 4 {
                    let centreAbove = (v00 + v10 + v11 + v01) / 4 >= level
                    if centreAbove == above[0] {
                        connect(bottom, right)   // cut off the (i+1, j) corner
                        connect(left, top)       // cut off the (i, j+1) corner
                    } else {
                        connect(left, bottom)    // cut off the (i, j) corner
                        connect(right, top)      // cut off the (i+1, j+1) corner
                    }
                }
            }
        }

        var visited = Set<Edge>()
        var polylines: [[PlotPoint]] = []
        func walk(from start: Edge) {
            var chain = [start]
            visited.insert(start)
            var current = start
            while let next = neighbours[current]?.first(where: { !visited.contains($0) }) {
                visited.insert(next)
                chain.append(next)
                current = next
            }
            var points = chain.map(point(on:))
            if chain.count > 2, neighbours[current]?.contains(start) == true { points.append(points[0]) }
            if points.count >= 2 { polylines.append(points) }
        }
        // Open curves first (they start at a grid boundary, an edge with one neighbour), then closed loops.
        let sortedEdges = neighbours.keys.sorted { ($0.j, $0.i, $0.vertical ? 1 : 0) < ($1.j, $1.i, $1.vertical ? 1 : 0) }
        for edge in sortedEdges where neighbours[edge]?.count == 1 && !visited.contains(edge) { walk(from: edge) }
        for edge in sortedEdges where !visited.contains(edge) { walk(from: edge) }
        return polylines
    }
}

extension AxesRenderer {
    /// Draws contour lines (inside the clipped group) and collects their labels for drawing on top.
    func drawContour(_ contour: ContourSeries, into svg: inout SVGWriter, labels: inout [PendingLabel]) {
        for (index, level) in contour.levels.enumerated() {
            let color = contour.color(ofLevel: index)
            var longest: [(Double, Double)] = []
            var longestLength = 0.0
            var runs: [[(Double, Double)]] = []
            for polyline in level.polylines {
                let pixels = polyline.compactMap { frame.pixel($0) }
                guard pixels.count >= 2 else { continue }
                runs.append(pixels)
                let length = zip(pixels, pixels.dropFirst()).reduce(0) { $0 + hypot($1.1.0 - $1.0.0, $1.1.1 - $1.0.1) }
                if length > longestLength { longestLength = length; longest = pixels }
            }
            svg.polyline(runs: runs, color: color, width: contour.lineWidth)
            if contour.showsLabels, longestLength > 70 {
                let anchor = longest[longest.count / 2]
                guard frame.contains(pixel: anchor, inset: 10) else { continue }
                labels.append(PendingLabel(text: Ticks.compact(level.level, significantDigits: 2),
                                           x: anchor.0, y: anchor.1, color: color.mixed(with: .black, fraction: 0.35)))
            }
        }
    }
}
