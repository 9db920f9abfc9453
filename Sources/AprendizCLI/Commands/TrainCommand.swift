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
        Under mpirun or srun (Open MPI or MPICH, loaded at run time) the processes train one model data-parallel \
        (--batch-size is the global batch, split over the processes); rank 0 prints and writes the files.
        Example: aprendiz train --dataset fashion-mnist --model mlp --hidden 256,128 --epochs 10 --save fashion.safetensors
        """
    )

    @Option(help: "\(DatasetSpecifier.knownNames.joined(separator: ", ")).")
    var dataset: String

    @OptionGroup var training: TrainingOptions

    @OptionGroup(title: "CSV tables") var table: TableOptions

    @OptionGroup(title: "Classic models") var classic: ClassicOptions

    @Option(help: "The hidden layers' activation: \(Activation.helpList(Activation.allCases.filter(\.isTrainable), default: .relu)).",
            completion: .list(Activation.names(where: \.isTrainable)), transform: Activation.argument)
    var activation: Activation = .relu

    @Option(help: "Loss: \(Loss.catalog.map(\.name).joined(separator: ", ")) (default: cross-entropy for classification, mse for regression).",
            completion: .list(Loss.catalog.map(\.name)))
    var loss: String?

    @Option(help: "The optimizer: \(TrainingOptimizer.helpList(default: .gradient(.adam))); \(MetaheuristicKind.names.joined(separator: ", ")) search the weights without gradients (chapter 11, --epochs = generations).",
            completion: .list(TrainingOptimizer.names), transform: TrainingOptimizer.argument)
    var optimizer: TrainingOptimizer = .gradient(.adam)

    @Option(help: "Fraction of the training part held out for validation curves (0: curves on the test set).")
    var validation: Float = 0.1

    @Option(help: "classification or regression (default: guessed from the target column).")
    var task: LearningTask?

    @Option(help: "Write the trained model (and its preprocessing) to this .safetensors file.")
    var save: String?

    @Option(help: ArgumentHelp("Continue the run whose model this file (written by train --save) holds: its parameters and optimizer state, after its epochs, up to --epochs.",
                               discussion: "Give the same data set, model, --seed and --batch-size: the run then sees the global batches the uninterrupted run would, with any number of mpirun processes."))
    var resume: String?

    @Option(help: "Report folder (index.html, metrics.json, SVG curves).")
    var report = "aprendiz-report"

    var settings: TrainingSettings {
        get throws {
            var settings = try training.settings(dataset: dataset, validation: validation)
            settings.activation = try ModelFactory.activation(activation.name).name
            settings.loss = try loss.map { name in
                do { return try Loss.named(name).name } catch { throw CLIError("--loss: \(error)") }
            }
            settings.optimizer = optimizer.name
            settings.task = task
            return settings
        }
    }

    func run() throws {
        if case .recurrent(let cell) = training.model {
            try training.rejectAugment("character language models")
            try RecurrentLanguageModelTraining(cell: cell, dataset: dataset, parameters: classic.parameters,
                                               batchSize: training.batchSize, learningRate: training.learningRate,
                                               seed: training.seed)
                .run(output: save ?? "\(cell.name)-language-model.safetensors", console: training.console)
            return
        }
        if RecurrentLanguageModelTraining.isText(dataset) {
            throw CLIError("--dataset \(dataset) is a text: train a character language model on it with --model lstm, gru, rnn or lstm-peephole")
        }
        if case .metaheuristic(let kind) = optimizer {
            try training.rejectAugment("gradient-free optimizers")
            return try trainWithoutGradient(kind)
        }
        if case .classic(let model) = training.model, classic.solver == .estimator {
            try training.rejectAugment("classic models")
            return try ClassicTraining.run(model, options: classic, dataset: dataset, task: task, training: training, table: table,
                                           save: save, report: report)
        }
        try classic.checkNetworkPath(training.model)
        let settings = try settings
        let world = try DistributedRun.world()
        let console = world.rank == 0 ? training.console : Console(json: false, quiet: true)
        let data = try DataPreparation.load(try DatasetSpecifier(parsing: dataset), task: task, seed: settings.seed, limit: settings.limit,
                                            table: table.csv, split: DataSplit(missing: table.impute))
        if save != nil, activation.makeLayer().describedArchitecture == nil, settings.model == .mlp {
            // Every activation of the catalog is describable; this guards one added without it.
            throw CLIError("--activation \(activation.name) cannot be stored in a model file (its layer has no architecture description)")
        }
        Interruption.shared.install()
        try DistributedRun.abortingOnError(world) {
            let outcome = try TrainingRun.run(settings, data: data, console: console, dataParallel: true, resume: resume)
            // Every rank holds the same model; only rank 0 writes the model, the report and the results.
            guard world.rank == 0 else { return }
            try Self.finish(outcome, settings: settings, command: "train", save: save, report: report, console: console)
        }
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
                               metadata: try metadata.entry().merging(TrainingResume.entry(outcome, settings: settings)) { $1 })
        }
        let summary = RunSummary(command: command, settings: settings, outcome: outcome, modelFile: modelFile)
        try ReportWriter.write(try TrainingReport.page(summary), to: URL(fileURLWithPath: report))
        let metrics = outcome.test.keys.sorted().map { "\($0) \(String(format: "%.4f", outcome.test[$0]!))" }
        console.line("test: " + metrics.joined(separator: "  ") + "  (\(ElapsedTime.text(outcome.seconds)) of training)")
        if let modelFile { console.line("model written to \(modelFile)") }
        console.line("report written to \(report)/index.html")
        if console.json { console.printJSON(try SummaryJSON.encode(summary, pretty: false)) }
        if outcome.interrupted { throw ExitCode(130) }
    }
}
