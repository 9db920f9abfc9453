import Aprendiz
import Foundation

/// An activation and its derivative on one pair of labelled axes (figures 7.5–9.4 of the book draw
/// them separately; here they share the axes, the derivative dashed).
struct ActivationFigure {
    let activation: Activation
    let alpha: Float?
    let x: [Float], f: [Float], df: [Float]

    func svg() -> String {
        let alphaText = (alpha ?? activation.defaultAlpha).map { ", α = \($0)" } ?? ""
        var figure = Figure(width: 640, height: 440,
                            title: "\(activation.name) (\(activation.summary.section)\(alphaText))")
        figure.axes.xLabel = "z"
        figure.axes.yLabel = "f(z), f′(z)"
        figure.axes.showsOriginAxes = true
        let formula = activation.summary.formula
        figure.axes.plot(x: x, y: f, label: formula.count <= 40 ? "f(z) = \(formula)" : "f(z)")
        figure.axes.plot(x: x, y: df, label: "f′(z)", style: LineStyle(dash: .dashed))
        return figure.svg()
    }
}
