import Aprendiz
import ArgumentParser
import Foundation

/// Runs every candidate `repeats` times and writes the table, curves and JSON.
enum ComparisonRunner {
    /// - Parameters:
    ///   - command: the comparison's name, recorded in the report's summary.
    ///   - candidates: the names of the candidates to compare.
    ///   - options: the command's options (data set, repeats, report folder, …).
    ///   - base: the training settings every candidate starts from.
    ///   - probesGradient: measure the first layer's gradient norm after each epoch.
    ///   - configure: sets the candidate (optimizer or activation) in the settings.
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
                    if let kind = MetaheuristicKind(rawValue: name) {
                        let label = "\(name) #\(repeat_ + 1)"
                        let outcome = try NeuroevolutionRun.run(kind, settings: settings, data: data, logInterval: 1) { logs in
                            console.line("\(label) generation \(logs.epoch)/\(settings.epochs)  val_accuracy "
                                         + String(format: "%.4f", logs.values["val_accuracy"] ?? 0))
                        }
                        result.runs.append(run(outcome, seed: settings.seed))
                    } else {
                        let outcome = try TrainingRun.run(settings, data: data, console: console, label: "\(name) #\(repeat_ + 1)",
                                                          probesGradient: probesGradient)
                        result.runs.append(run(outcome, seed: settings.seed))
                    }
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

    /// A metaheuristic's run: a generation counts as an epoch (generation 0, the initial population, is left out);
    /// its time is the search's time per generation.
    private static func run(_ outcome: NeuroevolutionRun.Outcome, seed: UInt64) -> CandidateRun {
        let history = outcome.history.filter { $0.epoch > 0 }
        let accuracies = history.map { Double($0["val_accuracy"] ?? 0) }
        let generations = max(history.last?.epoch ?? 1, 1)
        return CandidateRun(seed: seed, epochs: history.map(EpochRecord.init),
                            finalTestAccuracy: Double(outcome.test["accuracy"] ?? 0), bestTestAccuracy: accuracies.max() ?? 0,
                            secondsPerEpoch: outcome.seconds / Double(generations), firstLayerGradientNorms: nil)
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
