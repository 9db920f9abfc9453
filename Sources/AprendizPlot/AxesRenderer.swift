// Turns an Axes into SVG: ranges, margins, grid, ticks, labels, series and legend.
import Foundation

/// Renders one ``Axes`` into a cell of a figure.
struct AxesRenderer {
    static let tickFont = 12.0
    static let labelFont = 13.5
    static let titleFont = 15.0
    static let tickLength = 5.0

    let axes: Axes
    let cell: Rect
    private(set) var frame: PlotArea
    private(set) var xTicks: [Tick] = []
    private(set) var yTicks: [Tick] = []
    private(set) var rotatesXLabels = false
    private(set) var legendRect: Rect?

    var heatMap: HeatMapSeries? {
        for case .heatMap(let map) in axes.series { return map }
        return nil
    }

    var barSeries: [BarSeries] {
        axes.series.compactMap { if case .bars(let bars) = $0 { return bars } else { return nil } }
    }

    var lineSeries: [LineSeries] {
        axes.series.compactMap { if case .line(let line) = $0 { return line } else { return nil } }
    }

    var contours: [ContourSeries] {
        axes.series.compactMap { if case .contour(let contour) = $0 { return contour } else { return nil } }
    }

    /// Category names along x (bars or heat-map columns), if the x axis is categorical.
    var xCategories: [String]? { heatMap?.columnLabels ?? barSeries.first?.categories }

    var isXLog: Bool { xCategories == nil && axes.xScale == .log }
    var isYLog: Bool { heatMap == nil && axes.yScale == .log }

    init(axes: Axes, cell: Rect) {
        self.axes = axes
        self.cell = cell
        let placeholder = AxisMap(lower: 0, upper: 1, isLog: false, start: 0, end: 1)
        frame = PlotArea(rect: cell, x: placeholder, y: placeholder)
        layOut(legendOutside: axes.legendPlacement == .outsideRight)
        if axes.legendPlacement == .automatic, let size = legendSize(), !chooseInsideLegend(size: size) {
            layOut(legendOutside: true)
        }
    }

    // MARK: - Ranges

    func xRange() -> ClosedRange<Double> {
        if let categories = xCategories { return -0.5...(Double(max(categories.count, 1)) - 0.5) }
        if RangeFitting.isUsable(axes.xRange, log: isXLog), let range = axes.xRange { return range }
        if !contours.isEmpty {
            return RangeFitting.extent(contours.flatMap { [$0.xRange.lowerBound, $0.xRange.upperBound] }, log: isXLog)
        }
        let values = lineSeries.flatMap { line in zip(line.x, line.y).filter { isUsable(y: $0.1) }.map(\.0) }
        return RangeFitting.extent(values, log: isXLog)
    }

    func yRange() -> ClosedRange<Double> {
        if let map = heatMap { return -0.5...(Double(max(map.rowCount, 1)) - 0.5) }
        if RangeFitting.isUsable(axes.yRange, log: isYLog), let range = axes.yRange { return range }
        if !contours.isEmpty {
            return RangeFitting.extent(contours.flatMap { [$0.yRange.lowerBound, $0.yRange.upperBound] }, log: isYLog)
        }
        var values = lineSeries.flatMap { line in zip(line.x, line.y).filter { isUsable(x: $0.0) }.map(\.1) }
        values += barSeries.flatMap(\.values)
        let extent = RangeFitting.extent(values + (barSeries.isEmpty || isYLog ? [] : [0]), log: isYLog)
        if isYLog { return RangeFitting.decades(extent) }
        if !barSeries.isEmpty {
            let ticks = Ticks.covering(extent, count: targetYTickCount)
            return (ticks.first ?? extent.lowerBound)...(ticks.last ?? extent.upperBound)
        }
        return RangeFitting.padded(extent, by: 0.05)
    }

    private func isUsable(x: Double) -> Bool { x.isFinite && (!isXLog || x > 0) }
    private func isUsable(y: Double) -> Bool { y.isFinite && (!isYLog || y > 0) }

    private var targetYTickCount: Int { max(3, Int((cell.height - 90) / 50)) }

    // MARK: - Layout

    private mutating func layOut(legendOutside: Bool) {
        let xRange = xRange(), yRange = yRange()
        // Y ticks first: their label width sets the left margin.
        if let map = heatMap {
            yTicks = map.rowLabels.enumerated().map { Tick(value: Double(map.rowCount - 1 - $0.offset), label: $0.element) }
        } else if isYLog {
            yTicks = Ticks.logarithmic(yRange, maximumCount: targetYTickCount + 2)
        } else {
            yTicks = Ticks.linear(yRange, count: targetYTickCount)
        }
        let yTickWidth = yTicks.map { SVGWriter.estimatedWidth($0.label, size: Self.tickFont) }.max() ?? 0
        let left = 10 + (axes.yLabel == nil ? 0 : Self.labelFont + 10) + yTickWidth + Self.tickLength + 4
        let top = 14 + (axes.title == nil ? 0 : Self.titleFont + 12)
        var right = 20.0
        var legendWidth = 0.0
        if legendOutside, let size = legendSize() {
            legendWidth = size.width
            right += size.width + 6
        }
        let plotWidth = max(cell.width - left - right, 20)

        // X ticks: categories, decades, or as many nice numbers as fit without overlapping.
        if let categories = xCategories {
            xTicks = categories.enumerated().map { Tick(value: Double($0.offset), label: $0.element) }
            let widest = categories.map { SVGWriter.estimatedWidth($0, size: Self.tickFont) }.max() ?? 0
            rotatesXLabels = widest > plotWidth / Double(max(categories.count, 1)) - 6
        } else if isXLog {
            xTicks = Ticks.logarithmic(xRange, maximumCount: max(3, Int(plotWidth / 60)))
        } else {
            var count = max(3, Int(plotWidth / 80))
            repeat {
                xTicks = Ticks.linear(xRange, count: count)
                count -= 1
            } while count >= 2 && !xLabelsFit(xTicks, range: xRange, width: plotWidth)
        }
        let majorX = xTicks.filter(\.isMajor)
        let xLabelHeight: Double
        if rotatesXLabels {
            let widest = majorX.map { SVGWriter.estimatedWidth($0.label, size: Self.tickFont) }.max() ?? 0
            xLabelHeight = widest * sin(40 * .pi / 180) + Self.tickFont
        } else {
            xLabelHeight = Self.tickFont * 1.2
            if !legendOutside, let last = majorX.last {
                right = max(right, SVGWriter.estimatedWidth(last.label, size: Self.tickFont) / 2 + 4)
            }
        }
        let bottom = 10 + Self.tickLength + 4 + xLabelHeight + (axes.xLabel == nil ? 0 : Self.labelFont + 10)

        var plot = Rect(x: cell.x + left, y: cell.y + top,
                        width: max(cell.width - left - right, 20), height: max(cell.height - top - bottom, 20))
        if axes.hasEqualAspect, !isXLog, !isYLog {
            let xUnits = (xRange.upperBound - xRange.lowerBound) / plot.width
            let yUnits = (yRange.upperBound - yRange.lowerBound) / plot.height
            if xUnits > yUnits {
                let height = (yRange.upperBound - yRange.lowerBound) / xUnits
                plot.y += (plot.height - height) / 2
                plot.height = height
            } else {
                let width = (xRange.upperBound - xRange.lowerBound) / yUnits
                plot.x += (plot.width - width) / 2
                plot.width = width
            }
        }
        frame = PlotArea(rect: plot,
                         x: AxisMap(lower: xRange.lowerBound, upper: xRange.upperBound, isLog: isXLog,
                                    start: plot.x, end: plot.maxX),
                         y: AxisMap(lower: yRange.lowerBound, upper: yRange.upperBound, isLog: isYLog,
                                    start: plot.maxY, end: plot.y))
        if legendOutside, let size = legendSize() {
            legendRect = Rect(x: plot.maxX + 12, y: plot.y, width: legendWidth, height: size.height)
        } else if let size = legendSize() {
            legendRect = insideLegendRect(size: size, corner: axes.legendPlacement)
        } else {
            legendRect = nil
        }
    }

    private func xLabelsFit(_ ticks: [Tick], range: ClosedRange<Double>, width: Double) -> Bool {
        let majors = ticks.filter(\.isMajor)
        guard majors.count > 1 else { return true }
        let spacing = (majors[1].value - majors[0].value) / (range.upperBound - range.lowerBound) * width
        let widest = majors.map { SVGWriter.estimatedWidth($0.label, size: Self.tickFont) }.max() ?? 0
        return widest + 10 < spacing
    }

    private func insideLegendRect(size: (width: Double, height: Double), corner: Axes.LegendPlacement) -> Rect {
        let plot = frame.rect, inset = 10.0
        let left = plot.x + inset, right = plot.maxX - inset - size.width
        let top = plot.y + inset, bottom = plot.maxY - inset - size.height
        switch corner {
        case .topLeft: return Rect(x: left, y: top, width: size.width, height: size.height)
        case .bottomLeft: return Rect(x: left, y: bottom, width: size.width, height: size.height)
        case .bottomRight: return Rect(x: right, y: bottom, width: size.width, height: size.height)
        default: return Rect(x: right, y: top, width: size.width, height: size.height)
        }
    }

    /// Picks the inside corner whose legend box covers the fewest data pixels; false if all cover some.
    private mutating func chooseInsideLegend(size: (width: Double, height: Double)) -> Bool {
        let occupied = occupiedPixels()
        var best: (rect: Rect, score: Int)?
        let plot = frame.rect, inset = 10.0
        var candidates = [Axes.LegendPlacement.topRight, .topLeft, .bottomRight, .bottomLeft].map {
            insideLegendRect(size: size, corner: $0)
        }
        // Then the middles of the edges and the centre.
        let xs = [plot.x + inset, plot.midX - size.width / 2, plot.maxX - inset - size.width]
        let ys = [plot.y + inset, plot.midY - size.height / 2, plot.maxY - inset - size.height]
        for (i, x) in xs.enumerated() {
            for (j, y) in ys.enumerated() where i == 1 || j == 1 {
                candidates.append(Rect(x: x, y: y, width: size.width, height: size.height))
            }
        }
        for rect in candidates where rect.x >= plot.x && rect.y >= plot.y {
            let padded = Rect(x: rect.x - 4, y: rect.y - 4, width: rect.width + 8, height: rect.height + 8)
            let score = occupied.reduce(0) { $0 + (padded.contains($1) ? 1 : 0) }
            if best == nil || score < best!.score { best = (rect, score) }
        }
        // Moving the legend outside would squeeze a narrow plot too much; accept some overlap then.
        guard let best, best.score == 0 || frame.rect.width - size.width - 20 < cell.width * 0.45 else { return false }
        legendRect = best.rect
        return true
    }

    /// Pixels covered by lines, markers and bars, sampled every few pixels.
    private func occupiedPixels() -> [(Double, Double)] {
        var pixels: [(Double, Double)] = []
        for line in lineSeries {
            var previous: (Double, Double)?
            for (x, y) in zip(line.x, line.y) {
                guard let point = frame.pixel(x: x, y: y) else { previous = nil; continue }
                if let previous, line.style.dash != .none {
                    let steps = min(Int(hypot(point.0 - previous.0, point.1 - previous.1) / 6), 400)
                    for step in 0..<steps {
                        let t = Double(step) / Double(max(steps, 1))
                        pixels.append((previous.0 + t * (point.0 - previous.0), previous.1 + t * (point.1 - previous.1)))
                    }
                }
                pixels.append(point)
                previous = point
            }
        }
        for rect in barRects() {
            for x in stride(from: rect.rect.x, through: rect.rect.maxX, by: 6) {
                for y in stride(from: rect.rect.y, through: rect.rect.maxY, by: 6) { pixels.append((x, y)) }
            }
        }
        return pixels
    }

    // MARK: - Drawing

    func render(into svg: inout SVGWriter) {
        let plot = frame.rect
        svg.beginGroup(class: "axes")
        if axes.showsGrid {
            for tick in xTicks where tick.isMajor && frame.x.contains(tick.value) {
                guard let x = frame.x.pixel(tick.value) else { continue }
                svg.line(x1: x, y1: plot.y, x2: x, y2: plot.maxY, color: .lightGray, width: 1)
            }
            for tick in yTicks where tick.isMajor && frame.y.contains(tick.value) {
                guard let y = frame.y.pixel(tick.value) else { continue }
                svg.line(x1: plot.x, y1: y, x2: plot.maxX, y2: y, color: .lightGray, width: 1)
            }
        }
        if axes.showsOriginAxes {
            if !isXLog, xCategories == nil, frame.x.contains(0), let x = frame.x.pixel(0) {
                svg.line(x1: x, y1: plot.y, x2: x, y2: plot.maxY, color: .black, width: 1.2)
            }
            if !isYLog, heatMap == nil, frame.y.contains(0), let y = frame.y.pixel(0) {
                svg.line(x1: plot.x, y1: y, x2: plot.maxX, y2: y, color: .black, width: 1.2)
            }
        }
        var labels: [PendingLabel] = []
        svg.beginClippedGroup(x: plot.x, y: plot.y, width: plot.width, height: plot.height)
        if let map = heatMap { drawHeatMap(map, into: &svg) }
        drawBars(into: &svg)
        for contour in contours { drawContour(contour, into: &svg, labels: &labels) }
        // Contour labels go over every contour line but under the paths drawn on top of them.
        for label in labels {
            let width = SVGWriter.estimatedWidth(label.text, size: 10) * 0.9 + 4
            svg.rect(x: label.x - width / 2, y: label.y - 7, width: width, height: 14, fill: .white, fillOpacity: 0.85, cornerRadius: 2)
            svg.text(label.text, x: label.x, y: label.y, size: 10, anchor: .middle, baseline: .center,
                     color: label.color, halo: .white)
        }
        for line in lineSeries { drawLine(line, into: &svg) }
        svg.endGroup()
        for line in lineSeries { drawMarkers(line, into: &svg) }
        if let map = heatMap, map.showsValues { drawHeatMapValues(map, into: &svg) }
        svg.rect(x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: nil, stroke: .gray, strokeWidth: 1)
        drawTicks(into: &svg)
        drawLabels(into: &svg)
        if let legendRect { drawLegend(in: legendRect, into: &svg) }
        svg.endGroup()
    }

    private func drawTicks(into svg: inout SVGWriter) {
        let plot = frame.rect
        for tick in xTicks where frame.x.contains(tick.value) {
            guard let x = frame.x.pixel(tick.value) else { continue }
            let length = tick.isMajor ? Self.tickLength : Self.tickLength * 0.6
            svg.line(x1: x, y1: plot.maxY, x2: x, y2: plot.maxY + length, color: .gray, width: 1)
            guard !tick.label.isEmpty else { continue }
            let y = plot.maxY + Self.tickLength + 4
            if rotatesXLabels {
                svg.text(tick.label, x: x + 4, y: y, size: Self.tickFont, anchor: .end, baseline: .top, rotation: -40)
            } else {
                svg.text(tick.label, x: x, y: y, size: Self.tickFont, anchor: .middle, baseline: .top)
            }
        }
        for tick in yTicks where frame.y.contains(tick.value) {
            guard let y = frame.y.pixel(tick.value) else { continue }
            let length = tick.isMajor ? Self.tickLength : Self.tickLength * 0.6
            svg.line(x1: plot.x - length, y1: y, x2: plot.x, y2: y, color: .gray, width: 1)
            guard !tick.label.isEmpty else { continue }
            svg.text(tick.label, x: plot.x - Self.tickLength - 4, y: y, size: Self.tickFont, anchor: .end, baseline: .center)
        }
    }

    private func drawLabels(into svg: inout SVGWriter) {
        let plot = frame.rect
        if let title = axes.title {
            svg.text(title, x: plot.midX, y: cell.y + 12, size: Self.titleFont, anchor: .middle, baseline: .top, bold: true)
        }
        if let xLabel = axes.xLabel {
            svg.text(xLabel, x: plot.midX, y: cell.maxY - 10, size: Self.labelFont, anchor: .middle, baseline: .bottom)
        }
        if let yLabel = axes.yLabel {
            let tickWidth = yTicks.map { SVGWriter.estimatedWidth($0.label, size: Self.tickFont) }.max() ?? 0
            let x = max(cell.x + 10, plot.x - Self.tickLength - 4 - tickWidth - 10 - Self.labelFont)
            svg.text(yLabel, x: x, y: plot.midY, size: Self.labelFont, anchor: .middle, baseline: .top, rotation: -90)
        }
    }

    private func drawLine(_ line: LineSeries, into svg: inout SVGWriter) {
        guard line.style.dash != .none else { return }
        var runs: [[(Double, Double)]] = [[]]
        for (x, y) in zip(line.x, line.y) {
            if let point = frame.pixel(x: x, y: y) {
                runs[runs.count - 1].append(point)
            } else if !runs[runs.count - 1].isEmpty {
                runs.append([])
            }
        }
        svg.polyline(runs: runs, color: line.color, width: line.style.width,
                     dash: line.style.dash.pattern(width: line.style.width), opacity: line.style.opacity)
    }

    private func drawMarkers(_ line: LineSeries, into svg: inout SVGWriter) {
        let style = line.style
        guard style.marker != .none else { return }
        let points = zip(line.x, line.y).compactMap { frame.pixel(x: $0.0, y: $0.1) }
        let visible: (Double, Double) -> Bool = { x, y in frame.contains(pixel: (x, y), inset: -0.5) }
        switch style.markerPlacement {
        case .everyPoint:
            for point in points where visible(point.0, point.1) {
                svg.marker(style.marker, x: point.0, y: point.1, size: style.markerSize, color: line.color)
            }
        case .endpoints:
            if let first = points.first, visible(first.0, first.1) {
                svg.marker(style.marker, x: first.0, y: first.1, size: style.markerSize, color: line.color, hollow: true)
            }
            if points.count > 1, let last = points.last, visible(last.0, last.1) {
                svg.marker(style.marker, x: last.0, y: last.1, size: style.markerSize, color: line.color)
            }
        }
    }
}
