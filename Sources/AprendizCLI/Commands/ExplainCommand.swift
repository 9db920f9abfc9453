import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz explain …`: reproduces the book's phenomena with numbers.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Reproduce a phenomenon the book describes (gradient problems, dying ReLUs, attention, the curse of dimensionality).",
        subcommands: [
            ExplainVanishingGradientCommand.self,
            ExplainDeadReLUCommand.self,
            ExplainAttentionCommand.self,
            ExplainCurseOfDimensionalityCommand.self,
            ExplainUniversalApproximationCommand.self,
            ExplainShortTermMemoryCommand.self,
        ]
    )
}

/// The options shared by the gradient experiments: the stack and its initialisation.
struct GradientFlowOptions: ParsableArguments {
    @Option(help: "Activation between the layers: \(Activation.helpList(default: .sigmoid)).", completion: .list(Activation.names),
            transform: Activation.argument)
    var activation: Activation = .sigmoid

    @Option(help: "Number of dense layers.")
    var layers: Int = 10

    @Option(help: "Units per layer.")
    var width: Int = 32

    @Option(help: "Samples in the batch.")
    var batch: Int = 64

    @Option(name: .customLong("init"), help: "Weight initialisation: standard (He, std √(2/width)) or large (3× that: exploding gradients, §8.7).")
    var initialization: GradientFlow.Initialization = .standard

    @Option(parsing: .unconditional, help: "Initial bias of every unit (negative values kill ReLUs, §8.3).")
    var bias: Float = 0

    @Option(help: "Seed of the weights, the batch and stochastic activations.")
    var seed: UInt64 = 0

    func validate() throws {
        guard layers >= 1 else { throw CLIError("--layers must be at least 1, got \(layers)") }
        guard width >= 1 else { throw CLIError("--width must be at least 1, got \(width)") }
        guard batch >= 1 else { throw CLIError("--batch must be at least 1, got \(batch)") }
        guard bias.isFinite else { throw CLIError("--bias must be finite, got \(bias)") }
    }

    var experiment: GradientFlow {
        GradientFlow(activation: activation, layers: layers, width: width, batch: batch,
                     initialization: initialization, bias: bias, seed: seed)
    }

    var headline: String {
        "\(layers) dense layers of \(width) units, \(activation.name), init \(initialization.rawValue) " +
            "(std \(experiment.weightStandardDeviation)), bias \(bias), batch \(batch), seed \(seed)"
    }
}

extension GradientFlow.Initialization: ExpressibleByArgument {}

/// `aprendiz explain vanishing-gradient`: the gradient norm reaching each layer (§7.7, §8.7).
struct ExplainVanishingGradientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vanishing-gradient",
        abstract: "Show the gradient shrinking (sigmoid, §7.7) or exploding (--init large, §8.7) layer by layer.",
        discussion: """
        Runs one batch forward through a deep dense stack and one backward pass from L = Σ output,
        then prints ‖δ‖ = ‖∂L/∂z‖ and ‖∂L/∂W‖ for each layer, from the input (layer 1) to the output.
        Examples: aprendiz explain vanishing-gradient --activation sigmoid
                  aprendiz explain vanishing-gradient --activation relu --init large --output relu.svg
        """
    )

    @OptionGroup var options: GradientFlowOptions

    @Option(name: [.customLong("output"), .customLong("out")], help: "Also write an SVG plot of the gradient norm per layer (log scale) to this file.")
    var output: String?

    func run() throws {
        let reports = options.experiment.run()
        print(Self.table(reports, headline: options.headline))
        if let output {
            let title = "Gradient per layer: \(options.activation.name), init \(options.initialization.rawValue), seed \(options.seed)"
            try CommandOutput.write(Self.figure(reports, title: title).svg(), to: output)
        }
    }

    /// The table, and a verdict from the ratio of the first layer's δ to the last layer's (the
    /// quantity of eqs. 7.14 and 8.23).
    static func table(_ reports: [GradientFlow.LayerReport], headline: String) -> String {
        let last = reports.last!.deltaNorm
        var lines = ["Gradient reaching each layer: \(headline)",
                     "layer  ‖δ‖ = ‖∂L/∂z‖  ‖δ‖ / last layer  ‖∂L/∂W‖"]
        for r in reports {
            lines.append(pad("\(r.layer)", 7) + pad(format(r.deltaNorm), 15) + pad(format(r.deltaNorm / last), 18)
                         + format(r.weightGradientNorm))
        }
        let ratio = reports.first!.deltaNorm / last
        let verdict = ratio < 1e-2 ? "vanishing (§7.7)" : ratio > 1e2 ? "exploding (§8.7)" : "stable"
        lines.append("\(verdict): the first layer receives \(format(ratio))× the last layer's δ")
        return lines.joined(separator: "\n")
    }

    static func figure(_ reports: [GradientFlow.LayerReport], title: String) -> Figure {
        var figure = Figure(width: 720, height: 440, title: title)
        figure.axes.xLabel = "layer (1 = input side)"
        figure.axes.yLabel = "gradient norm"
        figure.axes.yScale = .log
        figure.axes.plot(x: reports.map { Double($0.layer) }, y: reports.map(\.deltaNorm), label: "‖δ‖ = ‖∂L/∂z‖",
                         style: LineStyle(marker: .circle))
        figure.axes.plot(x: reports.map { Double($0.layer) }, y: reports.map(\.weightGradientNorm), label: "‖∂L/∂W‖",
                         style: LineStyle(dash: .dashed))
        return figure
    }
}

/// `aprendiz explain dead-relu`: units whose pre-activation is negative for the whole batch (§8.3).
struct ExplainDeadReLUCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dead-relu",
        abstract: "Count the units of each layer that are inactive for every sample of a batch (dying ReLU, §8.3).",
        discussion: "Example: aprendiz explain dead-relu --activation relu --bias -1 --layers 6"
    )

    @OptionGroup var options: GradientFlowOptions

    func run() throws {
        let reports = options.experiment.run()
        var lines = ["Dead units (pre-activation ≤ 0 for all \(options.batch) samples): \(options.headline)",
                     "layer  dead / units"]
        for r in reports { lines.append(pad("\(r.layer)", 7) + "\(r.deadUnits) / \(options.width)") }
        let total = reports.reduce(0) { $0 + $1.deadUnits }
        lines.append("total: \(total) of \(options.layers * options.width) units receive no gradient from this batch")
        print(lines.joined(separator: "\n"))
    }
}

private func format(_ value: Double) -> String { String(format: "%.3e", value) }
private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}
