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

    @Option(name: [.customLong("output"), .customLong("out")], help: "Output CSV file, sqlite:FILE.db:TABLE for a new table of a SQLite database, or postgres://USER@HOST/DB?table=NAME for a new PostgreSQL table (default: standard output).")
    var output: String?

    @OptionGroup(title: "CSV tables") var table: TableOptions

    func run() throws {
        if let (fit, metadata) = try ClassicFit.load(model) { return try ClassicEvaluation.predict(self, fit: fit, metadata: metadata) }
        let (network, metadata) = try ModelMetadata.loadModel(model)
        guard FileManager.default.fileExists(atPath: input) else { throw CLIError("input file '\(input)' does not exist") }
        let table = try Table.readCSV(URL(fileURLWithPath: input), options: self.table.csv)
        guard table.rowCount > 0 else { throw CLIError("input file '\(input)' has a header but no rows") }
        var features = try Self.features(table, metadata: metadata, path: input)
        if let standardizer = metadata.standardizer { features = standardizer.transform(features) }
        let inputs = features.reshaped([table.rowCount] + metadata.inputShape)
        let trainer = Trainer(model: network, loss: .mse, optimizer: SGD(parameters: []))
        let outputs = trainer.predict(inputs)
        let text = Self.csv(outputs, task: metadata.task, classNames: metadata.classNames, labels: metadata.classLabels)
        if let output {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            print(text, terminator: "")
        }
    }

    /// `[rows, features]` in the model's feature order: columns matched by header name (any order, other columns
    /// ignored), or all columns in file order when the names do not match but the count does.
    static func features(_ table: Table, metadata: ModelMetadata, path: String) throws -> Tensor {
        if let encoding = metadata.encoding {
            // Columns by header name, one-hot encoded and filled as in training.
            let encoded = try encoding.encode(table.encodableFeatures())
            Console.warnUnknownCategories(encoded.unknownCells, in: path)
            return encoded.features
        }
        let wanted = metadata.inputShape.reduce(1, *)
        let names = metadata.featureNames
        let columns: [TableColumn]
        if !names.isEmpty, names.allSatisfy(table.columnNames.contains) {
            columns = try names.map { try table.column(named: $0) }
        } else {
            guard table.columns.count == wanted else {
                let missing = names.first { !table.columnNames.contains($0) }.map { "no column '\($0)' and " } ?? ""
                throw CLIError("CSV file '\(path)': \(missing)\(table.columns.count) columns, the model expects \(wanted) features")
            }
            columns = table.columns
        }
        var scalars: [Float] = []
        for column in columns { scalars += try column.numbers(path: path) }
        return Tensor(shape: [columns.count, table.rowCount], scalars: scalars).transposed()
    }

    /// Probabilities (softmax of the logits) and the predicted class, or the regression output. Classes are
    /// written as their names (`classNames`, a text target), else their original target values (`labels`, when
    /// they were not 0…K-1), else their indices: columns prob_<class> and the predicted class.
    static func csv(_ outputs: Tensor, task: LearningTask, classNames: [String]? = nil, labels: [Float]? = nil) -> String {
        guard task == .classification else {
            return "prediction\n" + outputs.scalars.map { "\($0)" }.joined(separator: "\n") + "\n"
        }
        let classes = outputs.shape[1]
        let probabilities = (outputs - outputs.logSumExp(axes: [1], keepDims: true)).exp()
        let predicted = predictedClasses(outputs)
        let names = ModelMetadata.displayNames(classNames: classNames, labels: labels) ?? []
        let labels = (0..<classes).map { $0 < names.count ? names[$0] : "\($0)" }
        var lines = [labels.map { CSVCell.escaped("prob_" + $0) }.joined(separator: ",") + ",predicted"]
        let p = probabilities.scalars
        for row in 0..<outputs.shape[0] {
            let cells = (0..<classes).map { String(format: "%.6f", p[row * classes + $0]) }
            lines.append(cells.joined(separator: ",") + "," + CSVCell.escaped(labels[predicted[row]]))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
