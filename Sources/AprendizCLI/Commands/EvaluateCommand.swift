import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz evaluate`: a saved model's loss and metrics on a data set, prepared as in training.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate a model file (from aprendiz train --save) on a data set.",
        discussion: "The features are standardised with the statistics stored in the model file. By default the test part of the split used in training (same seed) is evaluated."
    )

    enum Part: String, ExpressibleByArgument { case test, train, all }

    @Option(help: "The model file.")
    var model: String

    @Option(help: "NAME or csv:PATH[:target=COLUMN].")
    var dataset: String

    @OptionGroup(title: "CSV tables") var table: TableOptions

    @Option(help: "Which examples: test, train or all.")
    var part: Part = .test

    @Flag(help: "Print one JSON object on standard output, and nothing else.")
    var json = false

    struct Evaluation: Codable {
        var command = "evaluate"
        var version = AprendizVersion.current
        var model: String
        var dataset: String
        var part: String
        var examples: Int
        var metrics: [String: Float]
        var confusionMatrix: [[Int]]?
    }

    func run() throws {
        if let (fit, metadata) = try ClassicFit.load(model) { return try ClassicEvaluation.evaluate(self, fit: fit, metadata: metadata) }
        let (network, metadata) = try ModelMetadata.loadModel(model)
        let data: PreparedData
        do {
            data = try DataPreparation.load(try DatasetSpecifier(parsing: dataset), task: metadata.task, seed: metadata.seed,
                                            standardizer: metadata.standardizer, table: table.csv, classNames: metadata.classNames,
                                            classLabels: metadata.classLabels, encoding: metadata.encoding)
        } catch let error as CLIError {
            throw CLIError("model file '\(model)' (trained on \(metadata.dataset)): \(error)")
        }
        try Self.checkFits(data, metadata, path: model)
        let prepared = data.reshaped(to: metadata.inputShape)
        let examples: TensorDataset = switch part {
        case .test: prepared.test
        case .train: prepared.train
        case .all: TensorDataset(inputs: Tensor.concatenate([prepared.train.inputs, prepared.test.inputs], axis: 0),
                                 targets: Tensor.concatenate([prepared.train.targets, prepared.test.targets], axis: 0))
        }
        let classification = metadata.task == .classification
        let trainer = Trainer(model: network, loss: classification ? .crossEntropy : .mse,
                              optimizer: SGD(parameters: []), metrics: classification ? [.accuracy, .macroF1] : [.meanSquaredError, .meanAbsoluteError, .r2])
        let metrics = trainer.evaluate(examples)
        let confusion = classification
            ? ConfusionMatrix(predicted: predictedClasses(trainer.predict(examples.inputs)),
                              actual: examples.targets.scalars.map { Int($0) }, classCount: metadata.classCount).counts
            : nil
        let result = Evaluation(model: model, dataset: dataset, part: part.rawValue, examples: examples.count, metrics: metrics,
                            confusionMatrix: confusion)
        if json { return Console().printJSON(try SummaryJSON.encode(result, pretty: false)) }
        print("\(model) on \(dataset) (\(part.rawValue), \(examples.count) examples)")
        for key in metrics.keys.sorted() { print("  \(key) \(String(format: "%.4f", metrics[key]!))") }
    }

    /// The data set's examples and classes must be those the model was trained for.
    static func checkFits(_ data: PreparedData, _ metadata: ModelMetadata, path: String) throws {
        let have = data.exampleShape.reduce(1, *), want = metadata.inputShape.reduce(1, *)
        guard have == want else {
            throw CLIError("model file '\(path)' expects examples of shape \(metadata.inputShape) (\(metadata.dataset)); data set '\(data.name)' has \(data.exampleShape)")
        }
        if metadata.task == .classification, data.classCount > metadata.classCount {
            throw CLIError("model file '\(path)' predicts \(metadata.classCount) classes; data set '\(data.name)' has \(data.classCount)")
        }
    }
}
