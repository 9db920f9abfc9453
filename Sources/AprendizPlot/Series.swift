// The data an Axes holds: one case per kind of plot, stored in data units and resolved colours.

/// A point in data coordinates.
public struct PlotPoint: Sendable, Hashable {
    /// Horizontal data coordinate.
    public var x: Double
    /// Vertical data coordinate.
    public var y: Double

    /// Creates a point.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A line (or scatter) series.
struct LineSeries: Sendable {
    var x: [Double]
    var y: [Double]
    var label: String?
    var style: LineStyle
    var color: PlotColor
}

/// One set of bars over categories; several sets on one axes are drawn side by side.
struct BarSeries: Sendable {
    var categories: [String]
    var values: [Double]
    var label: String?
    var color: PlotColor
}

/// Contour lines of one level, already traced.
struct ContourLevelLines: Sendable {
    var level: Double
    var polylines: [[PlotPoint]]
}

/// A set of contour lines over a grid.
struct ContourSeries: Sendable {
    var xRange: ClosedRange<Double>
    var yRange: ClosedRange<Double>
    var levels: [ContourLevelLines]
    var colormap: Colormap
    var color: PlotColor?
    var showsLabels: Bool
    var lineWidth: Double

    /// The colour of level number `index`.
    func color(ofLevel index: Int) -> PlotColor {
        if let color { return color }
        let position = levels.count > 1 ? Double(index) / Double(levels.count - 1) : 0.5
        // Stop short of viridis' pale yellow end so the highest level stays visible on white.
        return colormap.color(at: 0.05 + 0.85 * position)
    }
}

/// A matrix of values drawn as coloured cells.
struct HeatMapSeries: Sendable {
    var matrix: [[Double]]
    var rowLabels: [String]
    var columnLabels: [String]
    var colormap: Colormap
    var showsValues: Bool

    var rowCount: Int { matrix.count }
    var columnCount: Int { matrix.map(\.count).max() ?? 0 }
}

/// Everything an ``Axes`` can draw.
enum Series: Sendable {
    case line(LineSeries)
    case bars(BarSeries)
    case contour(ContourSeries)
    case heatMap(HeatMapSeries)
}
