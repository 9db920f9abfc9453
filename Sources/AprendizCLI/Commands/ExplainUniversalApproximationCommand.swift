import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz explain universal-approximation`: one hidden layer approximates a 1-D function better as it
/// widens (§7.1, §19; Cybenko 1989, Leshno et al. 1993).
struct ExplainUniversalApproximationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "universal-approximation",
        abstract: "Fit a 1-D function with one hidden layer of growing width: the universal approximation theorem (§7.1, §19).",
        discussion: """
        For each width m the network  f̂(x) = Σⱼ vⱼ·φ(wⱼx + bⱼ) + d  (one hidden layer, linear output) is fitted to
        --points evenly spaced samples of the target on [−π, π] by full-batch Adam for --steps steps, and its mean
        squared error on 1 000 points of the interval is printed. The theorem (Cybenko 1989 for sigmoids, Leshno
        et al. 1993 for any non-polynomial φ such as ReLU) says the error can be made as small as wanted by
        widening the layer; the table shows it falling as m grows.
        Example: aprendiz explain universal-approximation --function abs --output approximation.svg
        """
    )

    /// The target functions on [−π, π].
    enum Target: String, ExpressibleByArgument, CaseIterable {
        case sin, abs, step

        func callAsFunction(_ x: Float) -> Float {
            switch self {
            case .sin: Foundation.sin(x)
            case .abs: Swift.abs(x)
            case .step: x < 0 ? 0 : 1
            }
        }
    }

    @Option(help: "The target: sin, abs (|x|) or step (0 for x < 0, 1 otherwise).")
    var function: Target = .abs

    @Option(help: "Comma-separated hidden-layer widths.")
    var widths: String = "1,2,4,8,32"

    @Option(help: "The hidden activation: \(Activation.helpList([.tanh, .sigmoid, .relu], default: .tanh)).",
            transform: Activation.argument)
    var activation: Activation = .tanh

    @Option(help: "Training samples of the target.")
    var points: Int = 200

    @Option(help: "Full-batch Adam steps per width.")
    var steps: Int = 3000

    @Option(help: "Seed of the initial weights.")
    var seed: UInt64 = 0

    @Option(name: [.customLong("output"), .customLong("out")], help: "Also write an SVG plot of the target and each width's fit.")
    var output: String?

    func run() throws {
        let sizes = try IntegerList.parse(widths, option: "--widths", example: "1,2,4,8,32")
        guard points >= 2 else { throw CLIError("--points must be at least 2, got \(points)") }
        guard steps >= 1 else { throw CLIError("--steps must be at least 1, got \(steps)") }
        let fits = sizes.map { Self.fit(function, width: $0, activation: activation, points: points, steps: steps, seed: seed) }
        var lines = ["One hidden layer of \(activation.name) units fitted to \(function.rawValue) on [−π, π] (\(points) points, \(steps) Adam steps, seed \(seed))",
                     "width  mean squared error"]
        for (m, fit) in zip(sizes, fits) { lines.append(String(format: "%5d  %.6f", m, fit.error)) }
        print(lines.joined(separator: "\n"))
        guard let output else { return }
        var figure = Figure(width: 720, height: 460, title: "Universal approximation (§7.1, §19): \(function.rawValue) by one \(activation.name) layer")
        figure.axes.xLabel = "x"
        figure.axes.yLabel = "f(x)"
        figure.axes.plot(function: { Double(function(Float($0))) }, over: -Double.pi...Double.pi, samples: 1000, label: "target",
                         style: LineStyle(color: .black))
        for (m, fit) in zip(sizes, fits) {
            figure.axes.plot(x: fit.grid, y: fit.prediction, label: "width \(m)")
        }
        try CommandOutput.write(figure.svg(), to: output)
    }

    /// The fit of one width: its mean squared error on 1 000 evenly spaced points and its prediction there.
    struct Fit {
        var error: Float
        var grid: [Float]
        var prediction: [Float]
    }

    /// Trains Dense(1, m) → φ → Dense(m, 1) on `points` samples by full-batch Adam (η = 0.01).
    static func fit(_ target: Target, width: Int, activation: Activation, points: Int, steps: Int, seed: UInt64) -> Fit {
        var generator = RandomGenerator(seed: seed)
        let model = Sequential(Dense(1, width, using: &generator), activation.makeLayer(seed: seed), Dense(width, 1, using: &generator))
        let x = Tensor.linspace(-.pi, .pi, count: points).reshaped([points, 1])
        let batch = Batch(inputs: x, targets: Tensor(x.scalars.map(target.callAsFunction)).reshaped([points, 1]))
        let trainer = Trainer(model: model, loss: .mse,
                              optimizer: OptimizerKind.adam.makeOptimizer(parameters: model.parameters(), learningRate: 0.01))
        for _ in 0..<steps { _ = trainer.trainStep(batch) }
        let grid = Tensor.linspace(-.pi, .pi, count: 1000)
        let prediction = trainer.predict(grid.reshaped([1000, 1])).reshaped([1000])
        let error = (prediction - Tensor(grid.scalars.map(target.callAsFunction))).squared().mean().scalar
        return Fit(error: error, grid: grid.scalars, prediction: prediction.scalars)
    }
}
