import Aprendiz
import Foundation

/// The figures of chapter 3 (§3.1–3.4): elementary functions, the derivative as the slope of the tangent,
/// the integral as accumulated area, and partial derivatives as slopes of slices. Derivatives and integrals
/// are computed numerically with AprendizCalculus, so each figure also shows those functions at work.
enum CalculusFigure: String, CaseIterable {
    case functions
    case derivative
    case integral
    case partialDerivatives = "partial-derivatives"

    /// The book section the figure illustrates.
    var section: String {
        switch self {
        case .functions: "§3.1"
        case .derivative: "§3.2"
        case .integral: "§3.3"
        case .partialDerivatives: "§3.4"
        }
    }

    func svg() -> String {
        switch self {
        case .functions: Self.functionsFigure()
        case .derivative: Self.derivativeFigure()
        case .integral: Self.integralFigure()
        case .partialDerivatives: Self.partialDerivativesFigure()
        }
    }

    /// §3.1: a function maps each x to one f(x); the families that recur in machine learning.
    private static func functionsFigure() -> String {
        var figure = Figure(width: 640, height: 440, title: "§3.1 Functions that recur in machine learning")
        figure.axes.xLabel = "x"
        figure.axes.yLabel = "f(x)"
        figure.axes.showsOriginAxes = true
        figure.axes.yRange = -4...6
        let interval = -3.0...3.0
        figure.axes.plot(function: { 2 * $0 + 1 }, over: interval, label: "2x + 1")
        figure.axes.plot(function: { $0 * $0 }, over: interval, label: "x²")
        figure.axes.plot(function: { $0 * $0 * $0 - 2 * $0 }, over: interval, label: "x³ − 2x")
        figure.axes.plot(function: exp, over: interval, label: "eˣ")
        figure.axes.plot(function: log, over: 0.01...3, label: "ln x")
        figure.axes.plot(function: { 1 / (1 + exp(-$0)) }, over: interval, label: "σ(x) = 1/(1 + e⁻ˣ)")
        return figure.svg()
    }

    /// §3.2: f′(x₀) is the limit of the secant slopes (f(x₀ + h) − f(x₀))/h, the slope of the tangent.
    private static func derivativeFigure() -> String {
        let f: (Double) -> Double = { $0 * $0 * $0 - 2 * $0 }
        let x0 = 1.0, slope = numericDerivative(of: f, at: x0)
        var figure = Figure(width: 640, height: 440,
                            title: "§3.2 Derivative of x³ − 2x: f′(1) ≈ \(String(format: "%.6f", slope)) (exact: 1)")
        figure.axes.xLabel = "x"
        figure.axes.yLabel = "f(x), f′(x)"
        figure.axes.showsOriginAxes = true
        figure.axes.yRange = -5...8
        let interval = -2.5...2.5
        figure.axes.plot(function: f, over: interval, label: "f(x) = x³ − 2x")
        figure.axes.plot(function: { numericDerivative(of: f, at: $0) }, over: interval, label: "f′(x) (central differences)",
                         style: LineStyle(dash: .dashed))
        figure.axes.plot(function: { f(x0) + slope * ($0 - x0) }, over: -0.5...2.5, label: "tangent at x₀ = 1",
                         style: LineStyle(width: 1.5))
        for h in [1.5, 0.75] {
            let secant = (f(x0 + h) - f(x0)) / h
            figure.axes.plot(x: [x0 - 0.5, x0 + h + 0.3], y: [f(x0) - 0.5 * secant, f(x0) + (h + 0.3) * secant],
                             label: "secant, h = \(h): slope \(String(format: "%.3f", secant))",
                             style: LineStyle(width: 1, dash: .dotted))
        }
        figure.axes.plot(x: [x0], y: [f(x0)], style: LineStyle(dash: .none, marker: .circle))
        return figure.svg()
    }

    /// §3.3: ∫ₐˣ f is the area accumulated under f; trapezoids approximate it from a few samples.
    private static func integralFigure() -> String {
        let f: (Double) -> Double = { 1 + $0 / 2 + sin(2 * $0) }
        let upper = 4.0
        let exact = AprendizCalculus.integral(of: f, from: 0, to: upper)
        let xs = (0...6).map { Double($0) * upper / 6 }, ys = xs.map(f)
        var figure = Figure(width: 640, height: 440,
                            title: "§3.3 ∫₀⁴ f(x) dx ≈ \(String(format: "%.6f", exact.value)); 7 trapezoids: \(String(format: "%.4f", trapezoid(ys, x: xs)))")
        figure.axes.xLabel = "x"
        figure.axes.yLabel = "f(x), F(x) = ∫₀ˣ f"
        figure.axes.showsOriginAxes = true
        figure.axes.plot(function: f, over: 0...upper, label: "f(x) = 1 + x/2 + sin 2x")
        figure.axes.plot(x: xs, y: ys, label: "trapezoids (7 samples)", style: LineStyle(width: 1.5, dash: .dashed, marker: .circle))
        figure.axes.plot(function: { AprendizCalculus.integral(of: f, from: 0, to: $0).value }, over: 0...upper, samples: 121,
                         label: "F(x) = ∫₀ˣ f(t) dt (Gauss–Kronrod)")
        return figure.svg()
    }

    /// §3.4: ∂f/∂x is the slope of the slice y = y₀; ∂f/∂y of the slice x = x₀; together, the gradient.
    private static func partialDerivativesFigure() -> String {
        let f: ([Double]) -> Double = { v in v[0] * v[0] + 3 * v[0] * v[1] + 2 * v[1] * v[1] }
        let point = [1.0, -2.0]
        let gradient = numericGradient(of: f, at: point)
        var figure = Figure(width: 960, height: 440,
                            title: "§3.4 Partial derivatives of x² + 3xy + 2y² at (1, −2): ∂f/∂x ≈ \(String(format: "%.4f", gradient[0])), ∂f/∂y ≈ \(String(format: "%.4f", gradient[1]))",
                            rows: 1, columns: 2)
        var map = figure[row: 0, column: 0]
        map.title = "level curves and the gradient"
        map.xLabel = "x"
        map.yLabel = "y"
        map.hasEqualAspect = true
        map.contour(x: -3...3, y: -3...3, levels: .linear(count: 14)) { x, y in f([x, y]) }
        let length = (gradient[0] * gradient[0] + gradient[1] * gradient[1]).squareRoot()
        map.plot(x: [point[0], point[0] + gradient[0] / length], y: [point[1], point[1] + gradient[1] / length],
                 label: "∇f (direction)", style: LineStyle(width: 2.5, marker: .circle, markerPlacement: .endpoints))
        figure[row: 0, column: 0] = map

        var slices = figure[row: 0, column: 1]
        slices.title = "slices through the point and their slopes"
        slices.xLabel = "t"
        slices.yLabel = "f"
        slices.showsOriginAxes = true
        let value = f(point)
        slices.plot(function: { f([point[0] + $0, point[1]]) }, over: -2...2, label: "f(1 + t, −2): slice y = −2")
        slices.plot(function: { value + gradient[0] * $0 }, over: -1...1, label: "slope ∂f/∂x", style: LineStyle(width: 1.5, dash: .dashed))
        slices.plot(function: { f([point[0], point[1] + $0]) }, over: -2...2, label: "f(1, −2 + t): slice x = 1")
        slices.plot(function: { value + gradient[1] * $0 }, over: -1...1, label: "slope ∂f/∂y", style: LineStyle(width: 1.5, dash: .dashed))
        figure[row: 0, column: 1] = slices
        return figure.svg()
    }
}
