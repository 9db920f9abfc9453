import Aprendiz
import Foundation

/// An SVG of a test function's contour lines with optimizer paths drawn over them (figures 6.3–6.4),
/// drawn with AprendizPlot: contours on a 121×121 grid (logarithmic levels for deep valleys such as
/// Rosenbrock's), each path a polyline with hollow/filled markers at its start/end, the known minima
/// as crosses, and a legend naming the optimizers. Points outside the window are clipped.
struct PathPlot {
    let function: TestFunction
    let paths: [(String, MinimizationResult)]

    func svg() -> String {
        let xRange = Double(function.xRange.lowerBound)...Double(function.xRange.upperBound)
        let yRange = Double(function.yRange.lowerBound)...Double(function.yRange.upperBound)
        var figure = Figure(width: 680, height: 600, title: "\(function.name): \(function.formula)")
        figure.axes.xLabel = "x"
        figure.axes.yLabel = "y"
        figure.axes.xRange = xRange
        figure.axes.yRange = yRange
        figure.axes.legendPlacement = .outsideRight
        let levels: ContourLevels = function.prefersLogarithmicLevels ? .logarithmic(count: 14) : .linear(count: 14)
        let f = function
        figure.axes.contour(x: xRange, y: yRange, resolution: 121, levels: levels, colormap: .viridis, showsLabels: false) { x, y in
            Double(f.value(at: Tensor([Float(x), Float(y)])))
        }
        for (index, (name, result)) in paths.enumerated() {
            let style = LineStyle(color: .palette(index), width: 2, marker: .circle, markerSize: 5, markerPlacement: .endpoints)
            figure.axes.plot(x: result.path.map { $0.scalars[0] }, y: result.path.map { $0.scalars[1] }, label: name, style: style)
        }
        let minima = function.minima.filter { xRange.contains(Double($0.scalars[0])) && yRange.contains(Double($0.scalars[1])) }
        if !minima.isEmpty {
            figure.axes.plot(x: minima.map { $0.scalars[0] }, y: minima.map { $0.scalars[1] }, label: "minimum",
                             style: .scatter(color: .black, marker: .cross))
        }
        return figure.svg()
    }
}
