// A minimal builder for SVG 1.1 documents: escaped text, compact numbers, no non-finite values.
import Foundation

/// Horizontal alignment of a text element relative to its anchor point.
enum TextAnchor: String {
    case start, middle, end
}

/// Vertical alignment of a text element relative to its anchor point.
///
/// Implemented with `dy` offsets rather than `dominant-baseline`, which some renderers ignore.
enum TextBaseline {
    case top, center, bottom

    var dy: String {
        switch self {
        case .top: return "0.8em"
        case .center: return "0.35em"
        case .bottom: return "0"
        }
    }
}

/// Accumulates SVG elements as text and wraps them in a standalone document.
///
/// Every number goes through `SVGWriter.number(_:)` and every piece of user text through
/// `SVGWriter.escape(_:)`, so the output is well-formed XML and never contains `nan` or `inf`.
struct SVGWriter {
    private(set) var body = ""
    private var clipCounter = 0
    /// Put before every `id` this writer makes, so that several documents inlined in one HTML page
    /// (where ids are page-wide) never share one.
    var idPrefix = ""

    /// Escapes the five XML special characters and drops control characters XML 1.0 forbids.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(" ")
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Prints a coordinate with at most two decimals and no trailing zeros (`12.5`, `3`, `-0.25`).
    ///
    /// Non-finite values print as `0` and magnitudes are clamped to 10⁶ so that a wild data point
    /// can never produce an unparsable or enormous attribute.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let clamped = min(max(value, -1e6), 1e6)
        let hundredths = Int((clamped * 100).rounded())
        if hundredths == 0 { return "0" }
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let whole = magnitude / 100
        let fraction = magnitude % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
        return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Shorthand for ``number(_:)``.
    private static func n(_ value: Double) -> String { number(value) }

    /// Stroke attributes shared by lines, polylines and paths.
    static func strokeAttributes(color: PlotColor, width: Double, dash: [Double] = [], opacity: Double = 1) -> String {
        var attributes = "stroke=\"\(color.hexString)\" stroke-width=\"\(n(width))\""
        if !dash.isEmpty { attributes += " stroke-dasharray=\"\(dash.map(n).joined(separator: " "))\"" }
        if opacity < 1 { attributes += " stroke-opacity=\"\(n(opacity))\"" }
        return attributes
    }

    mutating func raw(_ element: String) {
        body += element
        body += "\n"
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double,
                       color: PlotColor, width: Double = 1, dash: [Double] = [], opacity: Double = 1) {
        raw("<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" "
            + Self.strokeAttributes(color: color, width: width, dash: dash, opacity: opacity) + "/>")
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double,
                       fill: PlotColor?, stroke: PlotColor? = nil, strokeWidth: Double = 1,
                       fillOpacity: Double = 1, cornerRadius: Double = 0) {
        var element = "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(width, 0)))\" height=\"\(Self.n(max(height, 0)))\""
        element += " fill=\"\(fill?.hexString ?? "none")\""
        if fillOpacity < 1 { element += " fill-opacity=\"\(Self.n(fillOpacity))\"" }
        if let stroke { element += " stroke=\"\(stroke.hexString)\" stroke-width=\"\(Self.n(strokeWidth))\"" }
        if cornerRadius > 0 { element += " rx=\"\(Self.n(cornerRadius))\"" }
        raw(element + "/>")
    }

    /// Draws polylines given as runs of pixel points; each run starts a new subpath (`M`).
    mutating func polyline(runs: [[(Double, Double)]], color: PlotColor, width: Double,
                           dash: [Double] = [], opacity: Double = 1) {
        var d = ""
        for run in runs where !run.isEmpty {
            for (index, point) in run.enumerated() {
                d += (index == 0 ? "M" : "L") + Self.n(point.0) + " " + Self.n(point.1) + " "
            }
            if run.count == 1 { d += "l0 0 " }
        }
        guard !d.isEmpty else { return }
        raw("<path d=\"\(d.dropLast())\" fill=\"none\" "
            + Self.strokeAttributes(color: color, width: width, dash: dash, opacity: opacity)
            + " stroke-linejoin=\"round\" stroke-linecap=\"round\"/>")
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: PlotColor?, stroke: PlotColor?, strokeWidth: Double = 1) {
        var element = "<circle cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\" fill=\"\(fill?.hexString ?? "none")\""
        if let stroke { element += " stroke=\"\(stroke.hexString)\" stroke-width=\"\(Self.n(strokeWidth))\"" }
        raw(element + "/>")
    }

    /// A closed or open path from pixel points, filled and/or stroked.
    mutating func polygon(_ points: [(Double, Double)], fill: PlotColor?, stroke: PlotColor?, strokeWidth: Double = 1) {
        let list = points.map { Self.n($0.0) + "," + Self.n($0.1) }.joined(separator: " ")
        var element = "<polygon points=\"\(list)\" fill=\"\(fill?.hexString ?? "none")\""
        if let stroke { element += " stroke=\"\(stroke.hexString)\" stroke-width=\"\(Self.n(strokeWidth))\" stroke-linejoin=\"round\"" }
        raw(element + "/>")
    }

    /// Draws text. `rotation` is in degrees, clockwise, about the anchor point.
    /// A `halo` draws a wide stroke of that colour underneath so the text stays legible over lines.
    mutating func text(_ string: String, x: Double, y: Double, size: Double,
                       anchor: TextAnchor = .start, baseline: TextBaseline = .bottom,
                       color: PlotColor = .black, bold: Bool = false, rotation: Double = 0,
                       halo: PlotColor? = nil) {
        var attributes = "x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\""
        if anchor != .start { attributes += " text-anchor=\"\(anchor.rawValue)\"" }
        if baseline != .bottom { attributes += " dy=\"\(baseline.dy)\"" }
        if bold { attributes += " font-weight=\"bold\"" }
        if rotation != 0 { attributes += " transform=\"rotate(\(Self.n(rotation)) \(Self.n(x)) \(Self.n(y)))\"" }
        let escaped = Self.escape(string)
        if let halo {
            raw("<text \(attributes) fill=\"\(halo.hexString)\" stroke=\"\(halo.hexString)\" stroke-width=\"3\" stroke-linejoin=\"round\">\(escaped)</text>")
        }
        raw("<text \(attributes) fill=\"\(color.hexString)\">\(escaped)</text>")
    }

    /// Starts a group clipped to a rectangle; close it with ``endGroup()``.
    mutating func beginClippedGroup(x: Double, y: Double, width: Double, height: Double) {
        clipCounter += 1
        let id = "\(idPrefix)clip\(clipCounter)"
        raw("<clipPath id=\"\(id)\"><rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\"/></clipPath>")
        raw("<g clip-path=\"url(#\(id))\">")
    }

    /// Starts a plain group with an optional comment-like `class` for readability of the output.
    mutating func beginGroup(class name: String) {
        raw("<g class=\"\(Self.escape(name))\">")
    }

    mutating func endGroup() { raw("</g>") }

    /// Wraps the body in an `<svg>` root with `xmlns`, `viewBox`, a font family and a white background.
    func document(width: Double, height: Double, title: String?) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" "
        out += "viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" "
        out += "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
        if let title { out += "<title>\(Self.escape(title))</title>\n" }
        out += "<rect x=\"0\" y=\"0\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" fill=\"#ffffff\"/>\n"
        out += body
        out += "</svg>\n"
        return out
    }

    /// A rough width of `text` in pixels at `size`, for layout (DejaVu Sans averages ≈0.6 em).
    static func estimatedWidth(_ text: String, size: Double) -> Double {
        Double(text.count) * size * 0.6
    }
}
