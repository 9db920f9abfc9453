// Heat maps: a matrix as coloured cells, values written inside (a confusion matrix).
import Foundation

extension HeatMapSeries {
    /// Colour range: from min(0, smallest) to the largest finite value.
    var valueRange: ClosedRange<Double> {
        let finite = matrix.joined().filter(\.isFinite)
        let low = min(finite.min() ?? 0, 0), high = finite.max() ?? 1
        return low...(high > low ? high : low + 1)
    }

    /// Whether every finite value is a whole number (counts print without decimals).
    var isIntegral: Bool {
        matrix.joined().allSatisfy { !$0.isFinite || ($0 == $0.rounded() && abs($0) < 1e15) }
    }

    func text(for value: Double) -> String {
        guard value.isFinite else { return "" }
        return isIntegral ? String(Int(value)) : Ticks.compact(value, significantDigits: 3)
    }

    func position(of value: Double) -> Double {
        let range = valueRange
        return (value - range.lowerBound) / (range.upperBound - range.lowerBound)
    }
}

extension AxesRenderer {
    /// The pixel rectangle of cell (row, column); row 0 is at the top.
    func cellRect(row: Int, column: Int, in map: HeatMapSeries) -> Rect? {
        let y = Double(map.rowCount - 1 - row), x = Double(column)
        guard let x0 = frame.x.pixel(x - 0.5), let x1 = frame.x.pixel(x + 0.5),
              let y0 = frame.y.pixel(y + 0.5), let y1 = frame.y.pixel(y - 0.5) else { return nil }
        return Rect(x: min(x0, x1), y: min(y0, y1), width: abs(x1 - x0), height: abs(y1 - y0))
    }

    func drawHeatMap(_ map: HeatMapSeries, into svg: inout SVGWriter) {
        for (row, values) in map.matrix.enumerated() {
            for column in 0..<map.columnCount {
                guard let rect = cellRect(row: row, column: column, in: map) else { continue }
                let value = column < values.count ? values[column] : .nan
                let fill = value.isFinite ? map.colormap.color(at: map.position(of: value)) : PlotColor.lightGray
                svg.rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height, fill: fill,
                         stroke: .white, strokeWidth: 1)
            }
        }
    }

    func drawHeatMapValues(_ map: HeatMapSeries, into svg: inout SVGWriter) {
        let texts = map.matrix.joined().map(map.text(for:))
        let longest = Double(max(texts.map(\.count).max() ?? 1, 1))
        guard let sample = cellRect(row: 0, column: 0, in: map) else { return }
        let size = min(14, sample.height * 0.45, sample.width * 0.85 / (0.6 * longest))
        guard size >= 5 else { return }
        for (row, values) in map.matrix.enumerated() {
            for (column, value) in values.enumerated() where value.isFinite {
                guard let rect = cellRect(row: row, column: column, in: map) else { continue }
                let fill = map.colormap.color(at: map.position(of: value))
                svg.text(map.text(for: value), x: rect.midX, y: rect.midY, size: size, anchor: .middle, baseline: .center,
                         color: fill.luminance < 0.5 ? .white : .black)
            }
        }
    }
}
