import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz compare`: the performance comparisons the book announces and leaves empty — optimizers
/// (§6.5), sigmoidal activations (§7.8) and rectifiers (§8.8) — run on real data.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare optimizers (§6.5) or activations (§7.8, §8.8) on the same network, seeds and data order.",
        subcommands: [CompareOptimizersCommand.self, CompareActivationsCommand.self]
    )
}

/// The options both comparisons share.
struct CompareOptions: ParsableArguments {
    @Option(help: "NAME or csv:PATH[:target=COLUMN] (classification).")
    var dataset = "digits"

    @Option(help: "mlp, lenet5, convnet, linear or logistic.")
    var model: ModelKind = .mlp

    @Option(help: "Hidden layer widths of the mlp.")
    var hidden = "128"

    @Option(help: "Passes over the training data per run.")
    var epochs = 5

    @Option(help: "Runs per candidate (seeds S, S+1, …; the same for every candidate).")
    var repeats = 1

    @Option(help: "Examples per update.")
    var batchSize = 32

    @Option(help: "Learning rate for every candidate (default: each optimizer's own).")
    var lr: Float?

    @Option(help: "The first seed.")
    var seed: UInt64 = 0

    @Option(help: "Use at most this many training and test examples.")
    var limit: Int?

    @Option(help: "Report folder.")
    var report = "aprendiz-compare"

    @Flag(help: "Print one JSON object on standard output, and nothing else.")
    var json = false

    @Flag(help: "No progress output.")
    var quiet = false

    func settings() throws -> TrainingSettings {
        guard repeats >= 1 else { throw CLIError("--repeats must be at least 1, got \(repeats)") }
        let settings = TrainingSettings(dataset: dataset, model: model, hidden: try ModelFactory.hiddenWidths(hidden),
                                        learningRate: lr, epochs: epochs, batchSize: batchSize, validation: 0, seed: seed, limit: limit)
        try settings.validate()
        return settings
    }
}

/// Runs every candidate `repeats` times and writes the table, curves and JSON.
enum ComparisonRunner {
    /// - Parameter configure: sets the candidate (optimizer or activation) in the settings.
    static func run(command: String, candidates: [String], options: CompareOptions, base: TrainingSettings,
                    probesGradient: Bool, configure: (inout TrainingSettings, String) -> Void) throws {
        let console = Console(json: options.json, quiet: options.quiet)
        let data = try DataPreparation.load(try DatasetSpecifier(parsing: options.dataset), seed: base.seed, limit: options.limit)
        guard data.task == .classification else { throw CLIError("compare needs a classification data set; '\(data.name)' is regression") }
        Interruption.shared.install()
        let start = Date()
        var results: [CandidateResult] = []
        outer: for name in candidates {
            var result = CandidateResult(name: name)
            for repeat_ in 0..<options.repeats {
                var settings = base
                configure(&settings, name)
                settings.seed = base.seed &+ UInt64(repeat_)
                do {
                    let outcome = try TrainingRun.run(settings, data: data, console: console, label: "\(name) #\(repeat_ + 1)",
                                                      probesGradient: probesGradient)
                    result.runs.append(run(outcome, seed: settings.seed))
                } catch let error as TrainingError {
                    result.failure = "diverged"
                    console.line("\(name): \(error)")
                }
                if Interruption.shared.isRequested { results.append(result); break outer }
            }
            results.append(result)
        }
        let invocation = (["aprendiz"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        var summary = ComparisonSummary(command: command, invocation: invocation, settings: base,
                                        repeats: options.repeats, candidates: results, seconds: Date().timeIntervalSince(start),
                                        interrupted: Interruption.shared.isRequested)
        summary.settings.optimizer = command.hasSuffix("optimizers") ? "—" : base.optimizer
        try ReportWriter.write(try ComparisonReport.page(summary), to: URL(fileURLWithPath: options.report))
        console.line("\n" + summary.markdownTable())
        console.line("report written to \(options.report)/index.html")
        if options.json { console.printJSON(try SummaryJSON.encode(summary, pretty: false)) }
        if summary.interrupted { throw ExitCode(130) }
    }

    private static func run(_ outcome: TrainingOutcome, seed: UInt64) -> CandidateRun {
        let accuracies = outcome.history.map { Double($0["val_accuracy"] ?? 0) }
        let seconds = outcome.history.map { Double($0["seconds"] ?? 0) }
        return CandidateRun(seed: seed, epochs: outcome.history.map(EpochRecord.init),
                            finalTestAccuracy: Double(outcome.test["accuracy"] ?? 0), bestTestAccuracy: accuracies.max() ?? 0,
                            secondsPerEpoch: seconds.reduce(0, +) / Double(max(seconds.count, 1)),
                            firstLayerGradientNorms: outcome.gradientNorms)
    }
}

/// `aprendiz compare optimizers`: §6.5.
struct CompareOptimizersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimizers",
        abstract: "Compare optimizers (§6.5): final/best test accuracy, loss curves, time per epoch.",
        discussion: "Example: aprendiz compare optimizers --dataset fashion-mnist --optimizers sgd,momentum,adam --epochs 3"
    )

    @Option(help: "Comma-separated optimizer names (\(OptimizerFactory.names.joined(separator: ", "))).")
    var optimizers = "sgd,momentum,nag,adagrad,rmsprop,adam"

    @Option(help: "The hidden layers' activation.")
    var activation = "relu"

    @OptionGroup var options: CompareOptions

    func run() throws {
        var base = try options.settings()
        base.activation = try ModelFactory.activation(activation).name
        try ComparisonRunner.run(command: "compare optimizers", candidates: try OptimizerFactory.list(optimizers),
                                 options: options, base: base, probesGradient: false) { $0.optimizer = $1 }
    }
}

/// `aprendiz compare activations`: §7.8 (sigmoidal), §8.8 (rectifiers) and chapter 9 (modern).
struct CompareActivationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activations",
        abstract: "Compare activations (§7.8, §8.8): test accuracy, loss curves, time per epoch, first-layer gradient norm.",
        discussion: "The Heaviside step is left out (its gradient is zero). Example: aprendiz compare activations --family rectifier --epochs 3"
    )

    enum FamilyChoice: String, ExpressibleByArgument { case sigmoidal, rectifier, modern, all }

    @Option(help: "sigmoidal, rectifier, modern or all.")
    var family: FamilyChoice = .all

    @Option(help: "Comma-separated activation names instead of a family.")
    var activations: String?

    @Option(help: "The optimizer of every run.")
    var optimizer = "adam"

    @OptionGroup var options: CompareOptions

    func run() throws {
        var base = try options.settings()
        _ = try OptimizerFactory.make(optimizer, parameters: [], learningRate: options.lr)
        base.optimizer = optimizer
        let names: [String]
        if let activations {
            names = try activations.split(separator: ",").map { try ModelFactory.activation(String($0)).name }
        } else {
            names = Activation.allCases.filter { $0.isTrainable && (family == .all || $0.family.rawValue == family.rawValue) }.map(\.name)
        }
        try ComparisonRunner.run(command: "compare activations", candidates: names, options: options, base: base,
                                 probesGradient: true) { $0.activation = $1 }
    }
}
