import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz plot …`: figures of the book (activations now; loss curves and optimizer paths later).
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw the book's figures as SVG or print their data as CSV.",
        subcommands: [
            PlotActivationCommand.self,
            PlotCalculusCommand.self,
            PlotTreeCommand.self,
            PlotExplainedVarianceCommand.self,
            PlotDecisionBoundaryCommand.self,
        ]
    )
}

/// `aprendiz plot activation NAME`: an activation and its derivative, like figures 7.5–9.4.
struct PlotActivationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activation",
        abstract: "Plot an activation function and its derivative (chapters 7–9).",
        discussion: """
        Names: \(Activation.allCases.map(\.name).joined(separator: ", ")).
        CSV: a header x,f,df then one row per point. Stochastic activations (rrelu, noisy-relu) are
        shown in inference mode. --alpha overrides α for leaky-relu, prelu, elu and selu.
        Example: aprendiz plot activation gelu --from -4 --to 4 --format svg --output gelu.svg
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, svg }

    @Argument(help: "The activation's name (see --list).")
    var name: String?

    @Flag(help: "List the activation names with their family and book section.")
    var list = false

    @Flag(help: "Print the appendix A table (Markdown) of every activation.")
    var table = false

    @Option(parsing: .unconditional, help: "Left end of the interval.")
    var from: Double = -5

    @Option(parsing: .unconditional, help: "Right end of the interval.")
    var to: Double = 5

    @Option(help: "Number of evenly spaced points (≥ 2).")
    var points: Int = 201

    @Option(parsing: .unconditional, help: "α for activations that have one (default: the activation's own).")
    var alpha: Float?

    @Option(help: "Output format: csv or svg.")
    var format: Format = .csv

    @Option(name: [.customLong("output"), .customLong("out")], help: "Output file (default: standard output).")
    var output: String?

    func validate() throws {
        if list || table { return }
        guard let name else { throw CLIError("give an activation name, or --list") }
        let activation = try Activation.named(name, option: "activation")
        guard from.isFinite, to.isFinite, from < to else {
            throw CLIError("--from must be less than --to (both finite), got \(from) and \(to)")
        }
        guard points >= 2 else { throw CLIError("--points must be at least 2, got \(points)") }
        if let alpha {
            guard alpha.isFinite else { throw CLIError("--alpha must be a finite number, got \(alpha)") }
            guard activation.defaultAlpha != nil else {
                let names = Activation.allCases.filter { $0.defaultAlpha != nil }.map(\.name)
                throw CLIError("\(activation.name) has no α; --alpha applies to \(names.joined(separator: ", "))")
            }
        }
    }

    func run() throws {
        let text: String
        if list {
            text = Activation.allCases.map { "\($0.name)\t\($0.family.rawValue)\t\($0.summary.section)" }
                .joined(separator: "\n") + "\n"
        } else if table {
            text = Activation.markdownTable()
        } else {
            let activation = try Activation.named(name!, option: "activation")
            let xs = (0..<points).map { Float(from + (to - from) * Double($0) / Double(points - 1)) }
            let (f, df) = activation.evaluate(Tensor(xs), alpha: alpha)
            text = format == .csv
                ? Self.csv(x: xs, f: f.scalars, df: df.scalars)
                : ActivationFigure(activation: activation, alpha: alpha, x: xs, f: f.scalars, df: df.scalars).svg()
        }
        try CommandOutput.write(text, to: output)
    }

    /// `x,f,df`, one row per point, numbers in Swift's shortest round-trip form.
    static func csv(x: [Float], f: [Float], df: [Float]) -> String {
        var lines = ["x,f,df"]
        for i in x.indices { lines.append("\(x[i]),\(f[i]),\(df[i])") }
        return lines.joined(separator: "\n") + "\n"
    }
}
