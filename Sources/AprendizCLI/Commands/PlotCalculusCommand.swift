import Aprendiz
import ArgumentParser

/// `aprendiz plot calculus NAME`: the figures of chapter 3 (derivatives, integrals, partial derivatives).
struct PlotCalculusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calculus",
        abstract: "Draw the chapter 3 figures (functions, derivative, integral, partial derivatives) as SVG.",
        discussion: """
        Figures: \(CalculusFigure.allCases.map { "\($0.rawValue) (\($0.section))" }.joined(separator: ", ")).
        Each is computed with the numeric calculus functions (numericDerivative, numericGradient, integral, trapezoid).
        Example: aprendiz plot calculus derivative --output derivative.svg
        """
    )

    @Argument(help: "The figure.")
    var figure: CalculusFigure

    @Option(name: [.customLong("output"), .customLong("out")], help: "Output file (default: standard output).")
    var output: String?

    func run() throws {
        try CommandOutput.write(figure.svg(), to: output)
    }
}

extension CalculusFigure: ExpressibleByArgument {}
