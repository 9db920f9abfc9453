import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz predict`: a saved model's outputs for the rows of a CSV file.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict with a model file for each row of a CSV file.",
        discussion: """
        The CSV needs the model's feature columns (by name; other columns, like the target, are ignored) or
        exactly as many columns as the model has inputs. Output: one row per input row with the class
        probabilities prob_0 … prob_K-1 and the predicted class (classification), or the prediction (regression).
        """
    )

    @Option(help: "The model file (from aprendiz train --save).")
    var model: String

    @Option(help: "CSV file of feature rows with a header.")
    var input: String

    @Option(name: [.customLong("output"), .customLong("out")], help: "Output CSV file (default: standard output).")
    var output: String?

    func run() throws {
        let (network, metadata) = try ModelMetadata.loadModel(model)
        guard FileManager.default.fileExists(atPath: input) else { throw CLIError("input file '\(input)' does not exist") }
        let table = try NumericTable(contentsOf: URL(fileURLWithPath: input))
        guard table.rowCount > 0 else { throw CLIError("input file '\(input)' has a header but no rows") }
        var features = try Self.features(table, metadata: metadata, path: input)
        if let standardizer = metadata.standardizer { features = standardizer.transform(features) }
        let inputs = features.reshaped([table.rowCount] + metadata.inputShape)
        let trainer = Trainer(model: network, loss: .mse, optimizer: SGD(parameters: []))
        let outputs = trainer.predict(inputs)
        let text = Self.csv(outputs, task: metadata.task, labels: metadata.classLabels)
        if let output {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            print(text, terminator: "")
        }
    }

    /// `[rows, features]` in the model's feature order.
    static func features(_ table: NumericTable, metadata: ModelMetadata, path: String) throws -> Tensor {
        let wanted = metadata.inputShape.reduce(1, *)
        let names = metadata.featureNames
        if !names.isEmpty, names.allSatisfy(table.columnNames.contains) {
            let columns = try names.map { try table.column(named: $0) }
            let rows = table.rowCount
            return Tensor(shape: [names.count, rows], scalars: columns.flatMap { $0 }).transposed()
        }
        guard table.columnCount == wanted else {
            let missing = names.first { !table.columnNames.contains($0) }.map { "no column '\($0)' and " } ?? ""
            throw CLIError("CSV file '\(path)': \(missing)\(table.columnCount) columns, the model expects \(wanted) features")
        }
        return Tensor(shape: [table.rowCount, table.columnCount], scalars: table.values)
    }

    /// Probabilities (softmax of the logits) and the predicted class (its original target value when the model
    /// stores `labels`), or the regression output.
    static func csv(_ outputs: Tensor, task: LearningTask, labels: [Float]? = nil) -> String {
        guard task == .classification else {
            return "prediction\n" + outputs.scalars.map { "\($0)" }.joined(separator: "\n") + "\n"
        }
        let classes = outputs.shape[1]
        let probabilities = (outputs - outputs.logSumExp(axes: [1], keepDims: true)).exp()
        let predicted = predictedClasses(outputs)
        var lines = [(0..<classes).map { "prob_\($0)" }.joined(separator: ",") + ",predicted"]
        let p = probabilities.scalars
        for row in 0..<outputs.shape[0] {
            let cells = (0..<classes).map { String(format: "%.6f", p[row * classes + $0]) }
            let label = labels.map { String(format: "%.0f", Double($0[predicted[row]])) } ?? "\(predicted[row])"
            lines.append(cells.joined(separator: ",") + ",\(label)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
