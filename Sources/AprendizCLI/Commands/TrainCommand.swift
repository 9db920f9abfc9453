import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz train`: trains a model on a data set with a progress bar, prints the test metrics, and
/// writes a model file and a report folder.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model on a bundled, installed or CSV data set.",
        discussion: """
        Data sets: \(DatasetSpecifier.knownNames.joined(separator: ", ")). A CSV file has a header row, numeric
        cells and a target column (the last one unless :target=COLUMN); integer targets mean classification
        (override with --task). Features are standardised with the training part's statistics, which --save
        stores in the model file. Ctrl-C stops after the current batch and still writes the report and model.
        Example: aprendiz train --dataset fashion-mnist --model mlp --hidden 256,128 --epochs 10 --save fashion.safetensors
        """
    )

    @Option(help: "NAME (iris, wine, digits, diabetes, fashion-mnist, mnist) or csv:PATH[:target=COLUMN].")
    var dataset: String

    @Option(help: "mlp, lenet5, convnet, linear or logistic.")
    var model: ModelKind = .mlp

    @Option(help: "Hidden layer widths of the mlp, comma-separated.")
    var hidden = "128"

    @Option(help: "The hidden layers' activation (see aprendiz plot activation --list).")
    var activation = "relu"

    @Option(help: "Loss name (default: cross-entropy for classification, mse for regression).")
    var loss: String?

    @Option(help: "Optimizer: \(OptimizerFactory.names.joined(separator: ", ")); or without gradients (chapter 11, --epochs = generations): \(MetaheuristicKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var optimizer = "adam"

    @Option(help: "Learning rate (default: the optimizer's own).")
    var lr: Float?

    @Option(help: "Passes over the training data.")
    var epochs = 5

    @Option(help: "Examples per update.")
    var batchSize = 32

    @Option(help: "Fraction of the training part held out for validation curves (0: curves on the test set).")
    var validation: Float = 0.1

    @Option(help: "Seed of the split, the initial weights and the example order.")
    var seed: UInt64 = 0

    @Option(help: "Use at most this many training and test examples (quick runs).")
    var limit: Int?

    @Option(help: "classification or regression (default: guessed from the target column).")
    var task: LearningTask?

    @Option(help: "Write the trained model (and its preprocessing) to this .safetensors file.")
    var save: String?

    @Option(help: "Report folder (index.html, metrics.json, SVG curves).")
    var report = "aprendiz-report"

    @Flag(help: "Print one JSON object with the results on standard output, and nothing else.")
    var json = false

    @Flag(help: "No progress output.")
    var quiet = false

    var settings: TrainingSettings {
        get throws {
            TrainingSettings(dataset: dataset, model: model, hidden: try ModelFactory.hiddenWidths(hidden), activation: activation,
                             loss: loss, optimizer: optimizer, learningRate: lr, epochs: epochs, batchSize: batchSize,
                             validation: validation, seed: seed, limit: limit, task: task)
        }
    }

    func run() throws {
        if let kind = MetaheuristicKind(rawValue: optimizer) { return try trainWithoutGradient(kind) }
        let settings = try settings
        try settings.validate()
        let console = Console(json: json, quiet: quiet)
        let data = try DataPreparation.load(try DatasetSpecifier(parsing: dataset), task: task, seed: seed, limit: limit)
        if save != nil, try ModelFactory.activation(activation).makeLayer().describedArchitecture == nil, model == .mlp {
            // Every activation of the catalog is describable; this guards one added without it.
            throw CLIError("--activation \(activation) cannot be stored in a model file (its layer has no architecture description)")
        }
        Interruption.shared.install()
        let outcome = try TrainingRun.run(settings, data: data, console: console)
        try Self.finish(outcome, settings: settings, command: "train", save: save, report: report, console: console)
    }

    /// Saves the model (or, when interrupted without --save, a checkpoint in the report folder),
    /// writes the report, prints the results, and exits with 130 after Ctrl-C.
    static func finish(_ outcome: TrainingOutcome, settings: TrainingSettings, command: String, save: String?,
                       report: String, console: Console) throws {
        var modelFile = save
        if modelFile == nil, outcome.interrupted { modelFile = report + "-checkpoint.safetensors" }
        if let modelFile {
            let metadata = ModelMetadata(data: outcome.data, model: settings.model, inputShape: outcome.inputShape, seed: settings.seed)
            try ModelFile.save(outcome.model, to: URL(fileURLWithPath: modelFile), optimizer: outcome.optimizer,
                               metadata: try metadata.entry())
        }
        let summary = RunSummary(command: command, settings: settings, outcome: outcome, modelFile: modelFile)
        try ReportWriter.write(try TrainingReport.page(summary), to: URL(fileURLWithPath: report))
        let metrics = outcome.test.keys.sorted().map { "\($0) \(String(format: "%.4f", outcome.test[$0]!))" }
        console.line("test: " + metrics.joined(separator: "  ") + String(format: "  (%.1f s of training)", outcome.seconds))
        if let modelFile { console.line("model written to \(modelFile)") }
        console.line("report written to \(report)/index.html")
        if console.json { console.printJSON(try SummaryJSON.encode(summary, pretty: false)) }
        if outcome.interrupted { throw ExitCode(130) }
    }
}
