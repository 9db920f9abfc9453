// How a data series is stroked and marked.

/// The look of a line series: colour, width, dash pattern and markers.
///
/// ```swift
/// axes.plot(x: epochs, y: validationLoss, label: "validation",
///           style: LineStyle(dash: .dashed, marker: .circle))
/// ```
public struct LineStyle: Sendable, Hashable {
    /// Stroke pattern of the line.
    public enum Dash: Sendable, Hashable {
        /// No line at all (markers only, a scatter plot).
        case none
        /// A continuous line.
        case solid
        /// Long dashes.
        case dashed
        /// Dots.
        case dotted
        /// Alternating dash and dot.
        case dashDot

        /// The SVG `stroke-dasharray` for a line of width `width`.
        func pattern(width: Double) -> [Double] {
            switch self {
            case .none, .solid: return []
            case .dashed: return [6 * width, 3 * width].map { max($0, 4) }
            case .dotted: return [max(width, 1), 2.5 * width].map { max($0, 1.5) }
            case .dashDot: return [6 * width, 2.5 * width, max(width, 1), 2.5 * width].map { max($0, 1.5) }
            }
        }
    }

    /// Marker shape drawn at data points.
    public enum Marker: Sendable, Hashable, CaseIterable {
        /// No marker.
        case none
        /// A filled circle.
        case circle
        /// A filled square.
        case square
        /// A filled upward triangle.
        case triangle
        /// A filled diamond.
        case diamond
        /// An × cross (stroked, not filled).
        case cross
    }

    /// Which points get markers.
    public enum MarkerPlacement: Sendable, Hashable {
        /// A marker at every finite point.
        case everyPoint
        /// Only the first and last points: an open (white-filled) marker at the start and a filled
        /// one at the end — the usual way to show where an optimizer path begins and ends.
        case endpoints
    }

    /// Line colour; `nil` takes the next colour of ``PlotColor/palette`` for the axes.
    public var color: PlotColor?
    /// Line width in pixels.
    public var width: Double
    /// Dash pattern; `.none` draws markers only.
    public var dash: Dash
    /// Marker shape.
    public var marker: Marker
    /// Marker size (diameter) in pixels.
    public var markerSize: Double
    /// Which points get markers.
    public var markerPlacement: MarkerPlacement
    /// Stroke opacity, 0…1.
    public var opacity: Double

    /// Creates a style; every parameter has a sensible default (a solid 2-pixel line, no markers).
    public init(color: PlotColor? = nil, width: Double = 2, dash: Dash = .solid,
                marker: Marker = .none, markerSize: Double = 7,
                markerPlacement: MarkerPlacement = .everyPoint, opacity: Double = 1) {
        self.color = color
        self.width = width
        self.dash = dash
        self.marker = marker
        self.markerSize = markerSize
        self.markerPlacement = markerPlacement
        self.opacity = opacity
    }

    /// A solid line with a circle at the start and end: the style for an optimizer's path.
    public static func path(color: PlotColor? = nil) -> LineStyle {
        LineStyle(color: color, width: 1.8, marker: .circle, markerSize: 9, markerPlacement: .endpoints)
    }

    /// A dashed line.
    public static func dashed(color: PlotColor? = nil) -> LineStyle {
        LineStyle(color: color, dash: .dashed)
    }

    /// Markers only, no line.
    public static func scatter(color: PlotColor? = nil, marker: Marker = .circle) -> LineStyle {
        LineStyle(color: color, dash: .none, marker: marker, markerSize: 6)
    }
}

extension SVGWriter {
    /// Draws one marker centred at (x, y).
    mutating func marker(_ shape: LineStyle.Marker, x: Double, y: Double, size: Double,
                         color: PlotColor, hollow: Bool = false) {
        let r = size / 2
        let fill: PlotColor = hollow ? .white : color
        let strokeWidth = max(1.2, size / 6)
        switch shape {
        case .none:
            return
        case .circle:
            circle(cx: x, cy: y, r: r, fill: fill, stroke: hollow ? color : .white, strokeWidth: hollow ? strokeWidth : 0.8)
        case .square:
            polygon([(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)],
                    fill: fill, stroke: hollow ? color : .white, strokeWidth: hollow ? strokeWidth : 0.8)
        case .triangle:
            polygon([(x, y - r * 1.15), (x + r, y + r * 0.75), (x - r, y + r * 0.75)],
                    fill: fill, stroke: hollow ? color : .white, strokeWidth: hollow ? strokeWidth : 0.8)
        case .diamond:
            polygon([(x, y - r * 1.2), (x + r, y), (x, y + r * 1.2), (x - r, y)],
                    fill: fill, stroke: hollow ? color : .white, strokeWidth: hollow ? strokeWidth : 0.8)
        case .cross:
            line(x1: x - r, y1: y - r, x2: x + r, y2: y + r, color: color, width: strokeWidth)
            line(x1: x - r, y1: y + r, x2: x + r, y2: y - r, color: color, width: strokeWidth)
        }
    }
}
