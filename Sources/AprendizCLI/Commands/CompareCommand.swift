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

/// The options both comparisons share: the training settings of `train` plus the data set, the
/// number of repeats and the report folder.
struct CompareOptions: ParsableArguments {
    @Option(help: "NAME or csv:PATH[:target=COLUMN] (classification).")
    var dataset = "digits"

    @OptionGroup var training: TrainingOptions

    @Option(help: "Runs per candidate (seeds S, S+1, …; the same for every candidate).")
    var repeats = 1

    @Option(help: "Report folder.")
    var report = "aprendiz-compare"

    var json: Bool { training.json }

    func settings() throws -> TrainingSettings {
        guard repeats >= 1 else { throw CLIError("--repeats must be at least 1, got \(repeats)") }
        return try training.settings(dataset: dataset, validation: 0)
    }
}

/// Runs every candidate `repeats` times and writes the table, curves and JSON.
enum ComparisonRunner {
    /// - Parameter configure: sets the candidate (optimizer or activation) in the settings.
    static func run(command: String, candidates: [String], options: CompareOptions, base: TrainingSettings,
                    probesGradient: Bool, configure: (inout TrainingSettings, String) -> Void) throws {
        let console = options.training.console
        let data = try DataPreparation.load(try DatasetSpecifier(parsing: options.dataset), seed: base.seed, limit: base.limit)
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
        let invocation = (["aprendiz"] + CommandLine.arguments.dropFirst().map(Self.shellQuoted)).joined(separator: " ")
        let summary = ComparisonSummary(command: command, invocation: invocation, settings: base,
                                        repeats: options.repeats, candidates: results, seconds: Date().timeIntervalSince(start),
                                        interrupted: Interruption.shared.isRequested)
        try ReportWriter.write(try ComparisonReport.page(summary), to: URL(fileURLWithPath: options.report))
        console.line("\n" + summary.markdownTable())
        console.line("report written to \(options.report)/index.html")
        if options.json { console.printJSON(try SummaryJSON.encode(summary, pretty: false)) }
        if summary.interrupted { throw ExitCode(130) }
    }

    /// `argument` as a shell reads it back: in single quotes when it holds a space or a quote.
    static func shellQuoted(_ argument: String) -> String {
        guard argument.isEmpty || argument.contains(where: { " '\"\\$`*?;&|<>()".contains($0) }) else { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
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

    @Option(help: "Comma-separated optimizer names (\(OptimizerKind.names.joined(separator: ", "))).")
    var optimizers = "sgd,momentum,nag,adagrad,rmsprop,adam"

    @Option(help: "The hidden layers' activation: \(Activation.helpList).", completion: .list(Activation.names),
            transform: Activation.argument)
    var activation: Activation = .relu

    @OptionGroup var options: CompareOptions

    func run() throws {
        var base = try options.settings()
        base.activation = try ModelFactory.activation(activation.name).name
        base.optimizer = "—"
        let candidates = try OptimizerKind.list(optimizers, option: "--optimizers").map(\.name)
        try ComparisonRunner.run(command: "compare optimizers", candidates: candidates,
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

    /// `--family`: one of the book's families, or all of them.
    struct FamilySelection: ExpressibleByArgument {
        /// nil: every family.
        let family: Activation.Family?

        init(_ family: Activation.Family?) { self.family = family }

        init?(argument: String) {
            if CatalogueLookup.normalized(argument) == "all" { family = nil; return }
            guard let family = try? Activation.Family.named(argument) else { return nil }
            self.family = family
        }

        static var allValueStrings: [String] { Activation.Family.names + ["all"] }

        var defaultValueDescription: String { family?.name ?? "all" }

        /// The trainable activations of the selection, in catalogue order.
        var activations: [Activation] { (family?.members ?? Array(Activation.allCases)).filter(\.isTrainable) }
    }

    @Option(help: "Which family of activations to compare.")
    var family = FamilySelection(nil)

    @Option(help: "Comma-separated activation names instead of a family (\(Activation.names.joined(separator: ", "))).")
    var activations: String?

    @Option(help: "The optimizer of every run: \(OptimizerKind.helpList).", completion: .list(OptimizerKind.names),
            transform: OptimizerKind.argument)
    var optimizer: OptimizerKind = .adam

    @OptionGroup var options: CompareOptions

    func run() throws {
        var base = try options.settings()
        base.optimizer = optimizer.name
        let names = try activations.map { list in
            try Activation.list(list, option: "--activations").map { try ModelFactory.activation($0.name, option: "--activations").name }
        } ?? family.activations.map(\.name)
        try ComparisonRunner.run(command: "compare activations", candidates: names, options: options, base: base,
                                 probesGradient: true) { $0.activation = $1 }
    }
}
