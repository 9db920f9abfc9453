// The legend: a framed list of series samples and their labels.

/// One row of a legend.
struct LegendEntry {
    enum Sample {
        case line(LineStyle, PlotColor)
        case box(PlotColor)
    }

    var label: String
    var sample: Sample
}

extension AxesRenderer {
    static let legendFont = 12.0
    static let legendRowHeight = 19.0
    static let legendSampleWidth = 30.0

    /// Labelled line and bar series, in the order they were added.
    var legendEntries: [LegendEntry] {
        guard axes.legendPlacement != .hidden else { return [] }
        return axes.series.compactMap { series in
            switch series {
            case .line(let line):
                guard let label = line.label, !label.isEmpty else { return nil }
                return LegendEntry(label: label, sample: .line(line.style, line.color))
            case .bars(let bars):
                guard let label = bars.label, !label.isEmpty else { return nil }
                return LegendEntry(label: label, sample: .box(bars.color))
            case .contour, .heatMap:
                return nil
            }
        }
    }

    /// The legend's size in pixels, or nil when there is nothing to show.
    func legendSize() -> (width: Double, height: Double)? {
        let entries = legendEntries
        guard !entries.isEmpty else { return nil }
        let widest = entries.map { SVGWriter.estimatedWidth($0.label, size: Self.legendFont) }.max() ?? 0
        return (width: 10 + Self.legendSampleWidth + 8 + widest + 10,
                height: 8 + Double(entries.count) * Self.legendRowHeight + 4)
    }

    func drawLegend(in rect: Rect, into svg: inout SVGWriter) {
        svg.beginGroup(class: "legend")
        svg.rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height, fill: .white,
                 stroke: PlotColor(red: 0.75, green: 0.75, blue: 0.75), strokeWidth: 1, fillOpacity: 0.9, cornerRadius: 3)
        for (index, entry) in legendEntries.enumerated() {
            let y = rect.y + 8 + (Double(index) + 0.5) * Self.legendRowHeight
            let x0 = rect.x + 10, x1 = x0 + Self.legendSampleWidth
            switch entry.sample {
            case .line(let style, let color):
                if style.dash != .none {
                    svg.line(x1: x0, y1: y, x2: x1, y2: y, color: color, width: style.width,
                             dash: style.dash.pattern(width: style.width), opacity: style.opacity)
                }
                if style.marker != .none {
                    svg.marker(style.marker, x: (x0 + x1) / 2, y: y, size: min(style.markerSize, 10), color: color)
                }
            case .box(let color):
                svg.rect(x: x0 + 6, y: y - 6, width: Self.legendSampleWidth - 12, height: 12, fill: color)
            }
            svg.text(entry.label, x: x1 + 8, y: y, size: Self.legendFont, baseline: .center)
        }
        svg.endGroup()
    }
}
