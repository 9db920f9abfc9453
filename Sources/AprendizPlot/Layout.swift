// Geometry shared by the renderers: rectangles and the mapping from data to pixels.
import Foundation

/// A rectangle in pixels (y grows downwards, as in SVG).
struct Rect: Sendable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }

    func contains(_ point: (Double, Double), inset: Double = 0) -> Bool {
        point.0 >= x + inset && point.0 <= maxX - inset && point.1 >= y + inset && point.1 <= maxY - inset
    }

    func intersects(_ other: Rect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }
}

/// Maps data values on one axis to pixel positions.
struct AxisMap: Sendable {
    var lower: Double
    var upper: Double
    var isLog: Bool
    /// Pixel position of `lower`.
    var start: Double
    /// Pixel position of `upper`.
    var end: Double

    private func transformed(_ value: Double) -> Double { isLog ? log10(value) : value }

    /// The pixel position of `value`, or nil when it cannot be shown (non-finite, or ≤ 0 on a log axis).
    func pixel(_ value: Double) -> Double? {
        guard value.isFinite, !isLog || value > 0 else { return nil }
        let low = transformed(lower), high = transformed(upper)
        guard high != low else { return (start + end) / 2 }
        return start + (transformed(value) - low) / (high - low) * (end - start)
    }

    /// Whether `value` lies inside the axis range (with a relative tolerance for rounding).
    func contains(_ value: Double) -> Bool {
        guard value.isFinite, !isLog || value > 0 else { return false }
        let tolerance = 1e-9 * max(abs(transformed(upper) - transformed(lower)), 1e-300)
        return transformed(value) >= transformed(lower) - tolerance && transformed(value) <= transformed(upper) + tolerance
    }
}

/// The plot area of an axes: its pixel rectangle and both mappings.
struct PlotArea: Sendable {
    var rect: Rect
    var x: AxisMap
    var y: AxisMap

    func pixel(_ point: PlotPoint) -> (Double, Double)? { pixel(x: point.x, y: point.y) }

    func pixel(x xValue: Double, y yValue: Double) -> (Double, Double)? {
        guard let px = x.pixel(xValue), let py = y.pixel(yValue) else { return nil }
        return (px, py)
    }

    func contains(pixel point: (Double, Double), inset: Double = 0) -> Bool {
        rect.contains(point, inset: inset)
    }
}

/// Text placed after the data so it stays on top (contour level labels).
struct PendingLabel: Sendable {
    var text: String
    var x: Double
    var y: Double
    var color: PlotColor
}

/// Data ranges for an axes, computed from its series unless set explicitly.
enum RangeFitting {
    static func isUsable(_ range: ClosedRange<Double>?, log: Bool) -> Bool {
        guard let range else { return false }
        return range.lowerBound.isFinite && range.upperBound.isFinite && range.lowerBound < range.upperBound
            && (!log || range.lowerBound > 0)
    }

    /// The extent of `values` (finite, positive on a log axis), widened when degenerate.
    static func extent(_ values: [Double], log: Bool) -> ClosedRange<Double> {
        let usable = values.filter { $0.isFinite && (!log || $0 > 0) }
        guard let low = usable.min(), let high = usable.max() else { return log ? 1...10 : 0...1 }
        if high > low { return low...high }
        if log { return (low / 10)...(high * 10) }
        let pad = low == 0 ? 1 : abs(low) * 0.1
        return (low - pad)...(high + pad)
    }

    /// Expands a positive range outwards to whole decades.
    static func decades(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
        let low = pow(10, (log10(range.lowerBound) + 1e-9).rounded(.down))
        let high = pow(10, (log10(range.upperBound) - 1e-9).rounded(.up))
        return low...max(high, low * 10)
    }

    /// Adds `fraction` of the span on both sides.
    static func padded(_ range: ClosedRange<Double>, by fraction: Double) -> ClosedRange<Double> {
        let pad = (range.upperBound - range.lowerBound) * fraction
        return (range.lowerBound - pad)...(range.upperBound + pad)
    }
}
