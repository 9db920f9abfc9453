// One plotting area: its axes, labels and the series drawn in it.
import Foundation

/// A plotting area with an x and a y axis, holding the series drawn in it.
///
/// `Axes` is a value type; get one from ``Figure/axes`` (or ``Figure/subscript(row:column:)``),
/// modify it in place, and render the figure:
///
/// ```swift
/// var figure = Figure(width: 640, height: 420, title: "ReLU")
/// figure.axes.xLabel = "x"
/// figure.axes.showsOriginAxes = true
/// figure.axes.plot(function: { max(0, $0) }, over: -5...5, label: "f(x)")
/// figure.axes.plot(function: { $0 > 0 ? 1 : 0 }, over: -5...5, label: "f′(x)", style: .dashed())
/// try figure.write(to: URL(fileURLWithPath: "relu.svg"))
/// ```
///
/// Ranges are automatic unless set: the x axis spans the data exactly, the y axis the data plus a
/// 5 % margin (bar charts extend to the next "nice" tick and always include 0). Ticks use
/// Heckbert's nice numbers (steps of 1, 2 or 5 × 10ⁿ) on linear axes and decades on log axes.
public struct Axes: Sendable {
    /// How data values map to positions along an axis.
    public enum Scale: Sendable, Hashable {
        /// Evenly spaced values.
        case linear
        /// Evenly spaced powers of ten; non-positive values are skipped (they break lines).
        case log
    }

    /// Where the legend goes.
    public enum LegendPlacement: Sendable, Hashable {
        /// The inside corner covering the least data; outside on the right if every corner covers some.
        case automatic
        /// Inside the plot area, top-left corner.
        case topLeft
        /// Inside the plot area, top-right corner.
        case topRight
        /// Inside the plot area, bottom-left corner.
        case bottomLeft
        /// Inside the plot area, bottom-right corner.
        case bottomRight
        /// To the right of the plot area, which shrinks to make room.
        case outsideRight
        /// No legend.
        case hidden
    }

    /// Title drawn above the plot area (use ``Figure/title`` for a single-panel figure).
    public var title: String?
    /// Label under the x axis.
    public var xLabel: String?
    /// Label left of the y axis, rotated.
    public var yLabel: String?
    /// Visible x range; `nil` fits the data.
    public var xRange: ClosedRange<Double>?
    /// Visible y range; `nil` fits the data.
    public var yRange: ClosedRange<Double>?
    /// Scale of the x axis (ignored for bar charts and heat maps, whose x axis lists categories).
    public var xScale: Scale = .linear
    /// Scale of the y axis (ignored for heat maps).
    public var yScale: Scale = .linear
    /// Whether light grid lines are drawn at the major ticks.
    public var showsGrid = true
    /// Whether the lines x = 0 and y = 0 are drawn in black when they lie inside the plot area,
    /// as in a textbook figure of a function.
    public var showsOriginAxes = false
    /// Whether one unit on x is as long as one unit on y (useful for contour plots).
    public var hasEqualAspect = false
    /// Where the legend goes. Only series with a label appear in it.
    public var legendPlacement: LegendPlacement = .automatic

    /// The series in drawing order.
    var series: [Series] = []
    /// How many palette colours have been handed out.
    private var paletteIndex = 0

    /// Creates empty axes.
    public init() {}

    /// Whether nothing has been added yet.
    public var isEmpty: Bool { series.isEmpty }

    private mutating func nextColor() -> PlotColor {
        defer { paletteIndex += 1 }
        return PlotColor.palette(paletteIndex)
    }

    // MARK: - Lines

    /// Adds a line through the points (x[i], y[i]).
    ///
    /// Points where either coordinate is not finite (or not positive on a log axis) are skipped and
    /// break the line in two. Extra elements of the longer array are ignored.
    public mutating func plot<X: BinaryFloatingPoint, Y: BinaryFloatingPoint>(
        x: [X], y: [Y], label: String? = nil, style: LineStyle = LineStyle()
    ) {
        let count = min(x.count, y.count)
        let color = style.color ?? nextColor()
        series.append(.line(LineSeries(x: x.prefix(count).map { Double($0) }, y: y.prefix(count).map { Double($0) },
                                       label: label, style: style, color: color)))
    }

    /// Adds a line through (i + 1, y[i]) — the usual "value per epoch" curve, epochs counted from 1.
    public mutating func plot<Y: BinaryFloatingPoint>(perEpoch y: [Y], label: String? = nil, style: LineStyle = LineStyle()) {
        plot(x: (1...max(y.count, 1)).map { Double($0) }, y: y, label: label, style: style)
    }

    /// Samples `function` at `samples` evenly spaced points of `interval` and adds the curve.
    ///
    /// On a log x axis the samples are spaced evenly in log space (when the interval is positive).
    public mutating func plot(function: (Double) -> Double, over interval: ClosedRange<Double>,
                              samples: Int = 401, label: String? = nil, style: LineStyle = LineStyle()) {
        let count = max(samples, 2)
        let logSpaced = xScale == .log && interval.lowerBound > 0
        let xs: [Double] = (0..<count).map { index in
            let t = Double(index) / Double(count - 1)
            if logSpaced {
                return exp(log(interval.lowerBound) + t * (log(interval.upperBound) - log(interval.lowerBound)))
            }
            return interval.lowerBound + t * (interval.upperBound - interval.lowerBound)
        }
        plot(x: xs, y: xs.map(function), label: label, style: style)
    }

    // MARK: - Bars

    /// Adds one bar per category. Calling it again adds a second set of bars beside the first
    /// (grouped bars); the categories of the first call label the x axis.
    ///
    /// Non-finite values (and non-positive ones on a log y axis) leave a gap. On a log axis bars
    /// rise from the bottom of the plot area; on a linear one from 0.
    public mutating func bar<V: BinaryFloatingPoint>(categories: [String], values: [V],
                                                     label: String? = nil, color: PlotColor? = nil) {
        let resolved = color ?? nextColor()
        series.append(.bars(BarSeries(categories: categories, values: values.map { Double($0) },
                                      label: label, color: resolved)))
    }

    // MARK: - Contours

    /// Adds contour lines of a function sampled on a grid: `values[j][i]` = f(`xs[i]`, `ys[j]`),
    /// so each row of `values` is one y. The grid must be rectilinear (`xs` and `ys` increasing).
    ///
    /// - Parameters:
    ///   - xs: the grid's x coordinates, increasing.
    ///   - ys: the grid's y coordinates, increasing.
    ///   - values: the function on the grid, `values[j][i]` = f(`xs[i]`, `ys[j]`).
    ///   - levels: which values get a line (see ``ContourLevels``).
    ///   - colormap: colours the levels from lowest to highest, unless `color` is given.
    ///   - color: one colour for every level.
    ///   - showsLabels: writes each level's value on its longest line.
    ///   - lineWidth: stroke width in pixels.
    public mutating func contour(xs: [Double], ys: [Double], values: [[Double]],
                                 levels: ContourLevels = .linear(count: 10), colormap: Colormap = .viridis,
                                 color: PlotColor? = nil, showsLabels: Bool = true, lineWidth: Double = 1.2) {
        guard xs.count >= 2, ys.count >= 2, let xLow = xs.first, let xHigh = xs.last,
              let yLow = ys.first, let yHigh = ys.last, xLow < xHigh, yLow < yHigh else { return }
        let traced = levels.resolved(for: values).map { level in
            ContourLevelLines(level: level, polylines: MarchingSquares.isolines(xs: xs, ys: ys, values: values, level: level))
        }
        series.append(.contour(ContourSeries(xRange: xLow...xHigh, yRange: yLow...yHigh, levels: traced,
                                             colormap: colormap, color: color, showsLabels: showsLabels,
                                             lineWidth: lineWidth)))
    }

    /// Samples `function` on a `resolution` × `resolution` grid over `x` × `y` and adds its contour lines.
    public mutating func contour(x: ClosedRange<Double>, y: ClosedRange<Double>, resolution: Int = 101,
                                 levels: ContourLevels = .linear(count: 10), colormap: Colormap = .viridis,
                                 showsLabels: Bool = true, function: (Double, Double) -> Double) {
        let n = max(resolution, 2)
        let xs = (0..<n).map { x.lowerBound + Double($0) / Double(n - 1) * (x.upperBound - x.lowerBound) }
        let ys = (0..<n).map { y.lowerBound + Double($0) / Double(n - 1) * (y.upperBound - y.lowerBound) }
        let values = ys.map { yValue in xs.map { xValue in function(xValue, yValue) } }
        contour(xs: xs, ys: ys, values: values, levels: levels, colormap: colormap, showsLabels: showsLabels)
    }

    // MARK: - Heat maps

    /// Adds a heat map: `matrix[r][c]` is drawn as a coloured cell in row r (from the top) and
    /// column c, with the value written in it when `showsValues` is true (integers without decimals).
    ///
    /// For a confusion matrix, rows are the true classes and columns the predicted ones:
    /// set ``yLabel`` to "true class" and ``xLabel`` to "predicted class". Missing labels are
    /// replaced by the index; non-finite cells are grey and blank. Grid lines are not drawn.
    public mutating func heatMap<V: BinaryFloatingPoint>(matrix: [[V]], rowLabels: [String] = [], columnLabels: [String] = [],
                                                         colormap: Colormap = .blues, showsValues: Bool = true) {
        let values = matrix.map { $0.map { Double($0) } }
        let columns = values.map(\.count).max() ?? 0
        let rows = (0..<values.count).map { $0 < rowLabels.count ? rowLabels[$0] : String($0) }
        let cols = (0..<columns).map { $0 < columnLabels.count ? columnLabels[$0] : String($0) }
        series.append(.heatMap(HeatMapSeries(matrix: values, rowLabels: rows, columnLabels: cols,
                                             colormap: colormap, showsValues: showsValues)))
        showsGrid = false
    }
}
