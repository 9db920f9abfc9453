import Aprendiz
import Foundation

/// `aprendiz evaluate` and `aprendiz predict` for a classic model file (`ClassicFit/load(_:)`): the same
/// split (seed and held-out fraction stored in the file), the same scaling, the same outputs as for networks.
enum ClassicEvaluation {
    /// Scores the model on the chosen part of `command.dataset`.
    static func evaluate(_ command: EvaluateCommand, fit: ClassicFit, metadata: ModelMetadata) throws {
        let split = DataSplit(testFraction: metadata.testFraction ?? DataPreparation.testFraction, standardize: metadata.standardizer != nil)
        var data: PreparedData
        do {
            data = try DataPreparation.load(try DatasetSpecifier(parsing: command.dataset), task: metadata.task, seed: metadata.seed,
                                            standardizer: metadata.standardizer, table: command.table.csv, classNames: metadata.classNames,
                                            classLabels: metadata.classLabels, split: split, encoding: metadata.encoding)
        } catch let error as CLIError {
            throw CLIError("model file '\(command.model)' (trained on \(metadata.dataset)): \(error)")
        }
        try EvaluateCommand.checkFits(data, metadata, path: command.model)
        data = data.reshaped(to: metadata.inputShape)
        let examples: TensorDataset = switch command.part {
        case .test: data.test
        case .train: data.train
        case .all where split.testFraction == 0: data.train
        case .all: TensorDataset(inputs: Tensor.concatenate([data.train.inputs, data.test.inputs], axis: 0),
                                 targets: Tensor.concatenate([data.train.targets, data.test.targets], axis: 0))
        }
        let metrics = fit.metrics(examples, task: metadata.task, classCount: metadata.classCount)
        let confusion = metadata.task == .classification
            ? ConfusionMatrix(predicted: predictedClasses(fit.outputs(examples.inputs, classCount: metadata.classCount)),
                              actual: examples.targets.scalars.map { Int($0) }, classCount: metadata.classCount).counts
            : nil
        let result = EvaluateCommand.Evaluation(model: command.model, dataset: command.dataset, part: command.part.rawValue,
                                                examples: examples.count, metrics: metrics, confusionMatrix: confusion)
        if command.json { return Console().printJSON(try SummaryJSON.encode(result, pretty: false)) }
        print("\(command.model) (\(metadata.model)) on \(command.dataset) (\(command.part.rawValue), \(examples.count) examples)")
        for key in metrics.keys.sorted() { print("  \(key) \(String(format: "%.4f", metrics[key]!))") }
    }

    /// Writes one prediction row per row of `command.input`.
    static func predict(_ command: PredictCommand, fit: ClassicFit, metadata: ModelMetadata) throws {
        guard FileManager.default.fileExists(atPath: command.input) else { throw CLIError("input file '\(command.input)' does not exist") }
        let table = try Table.readCSV(URL(fileURLWithPath: command.input), options: command.table.csv)
        var features = try PredictCommand.features(table, metadata: metadata, path: command.input)
        if let standardizer = metadata.standardizer { features = standardizer.transform(features) }
        let text = PredictCommand.csv(fit.outputs(features, classCount: metadata.classCount), task: metadata.task,
                                      classNames: metadata.classNames, labels: metadata.classLabels)
        try CommandOutput.write(text, to: command.output)
    }
}
