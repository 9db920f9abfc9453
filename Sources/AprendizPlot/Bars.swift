// Bar charts: one bar per category, several sets grouped side by side.

/// A bar's rectangle and colour, in pixels.
struct BarRect {
    var rect: Rect
    var color: PlotColor
}

extension AxesRenderer {
    /// The rectangles of every drawable bar; non-finite (or, on a log axis, non-positive) values are skipped.
    func barRects() -> [BarRect] {
        let sets = barSeries
        guard !sets.isEmpty else { return [] }
        let groupWidth = 0.8, barWidth = groupWidth / Double(sets.count)
        // Bars rise from 0 on a linear axis (clamped into view) and from the bottom edge on a log axis.
        let baseline: Double
        if frame.y.isLog {
            baseline = frame.rect.maxY
        } else {
            baseline = frame.y.pixel(min(max(0, frame.y.lower), frame.y.upper)) ?? frame.rect.maxY
        }
        var rects: [BarRect] = []
        for (setIndex, set) in sets.enumerated() {
            for (category, value) in set.values.enumerated() {
                let left = Double(category) - groupWidth / 2 + Double(setIndex) * barWidth
                guard let x0 = frame.x.pixel(left), let x1 = frame.x.pixel(left + barWidth),
                      let top = frame.y.pixel(value) else { continue }
                let clampedTop = min(max(top, frame.rect.y - 1), frame.rect.maxY + 1)
                rects.append(BarRect(rect: Rect(x: x0 + 0.5, y: min(clampedTop, baseline), width: max(x1 - x0 - 1, 1),
                                                height: abs(baseline - clampedTop)),
                                     color: set.color))
            }
        }
        return rects
    }

    func drawBars(into svg: inout SVGWriter) {
        for bar in barRects() {
            svg.rect(x: bar.rect.x, y: bar.rect.y, width: bar.rect.width, height: bar.rect.height, fill: bar.color)
        }
    }
}
