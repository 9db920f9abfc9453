import Aprendiz
import ArgumentParser

/// `aprendiz compare optimizers`: §6.5 — the gradient optimizers, and the chapter-11 metaheuristics (`ga`, `de`,
/// `cmaes`, `pso`) beside them, which search the weights without gradients (`--epochs` counts their generations).
struct CompareOptimizersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimizers",
        abstract: "Compare optimizers (§6.5): final/best test accuracy, loss curves, time per epoch.",
        discussion: "Example: aprendiz compare optimizers --dataset fashion-mnist --optimizers sgd,momentum,adam --epochs 3"
    )

    @Option(help: "Comma-separated optimizer names (\(TrainingOptimizer.names.joined(separator: ", "))); for the metaheuristics --epochs counts generations.")
    var optimizers = "sgd,momentum,nag,adagrad,rmsprop,adam"

    @Option(help: "The hidden layers' activation: \(Activation.helpList(Activation.allCases.filter(\.isTrainable), default: .relu)).",
            completion: .list(Activation.names(where: \.isTrainable)),
            transform: Activation.argument)
    var activation: Activation = .relu

    @OptionGroup var options: CompareOptions

    func run() throws {
        var base = try options.settings()
        base.activation = try ModelFactory.activation(activation.name).name
        base.optimizer = "—"
        let candidates = try TrainingOptimizer.list(optimizers, option: "--optimizers").map(\.rawValue)
        try ComparisonRunner.run(command: "compare optimizers", candidates: candidates,
                                 options: options, base: base, probesGradient: false) { $0.optimizer = $1 }
    }
}
