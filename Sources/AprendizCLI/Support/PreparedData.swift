import Aprendiz
import Foundation

/// A data set ready for training: split into training and test parts, standardised with statistics
/// of the training part only (tables; images are already in [0, 1]), and shaped for the model.
struct PreparedData {
    /// The `--dataset` value.
    var name: String
    var train: TensorDataset
    var test: TensorDataset
    var task: LearningTask
    /// The number of classes (1 output for regression).
    var classCount: Int
    /// The feature columns' names (empty for images).
    var featureNames: [String]
    /// The standardisation applied (nil for images).
    var standardizer: Standardizer?
    /// The classes' names when the target column held text (class i is `classNames[i]`).
    var classNames: [String]? = nil
    /// The original target values of the classes when they are not 0, 1, …, K-1 (class i is `classLabels[i]`);
    /// nil when the targets already were the class indices.
    var classLabels: [Float]? = nil
    /// The one-hot encoding and imputation of a table's columns (nil: every feature was a complete number).
    var encoding: TableEncoding? = nil

    /// The shape of one example, without the batch axis.
    var exampleShape: [Int] { Array(train.inputs.shape.dropFirst()) }
    /// The shape of one image (H×W×C) for image data sets, nil for tables.
    var imageShape: ImageShape? {
        let shape = exampleShape
        guard featureNames.isEmpty, standardizer == nil, shape.count == 3 else { return nil }
        return ImageShape(height: shape[0], width: shape[1], channels: shape[2])
    }
    /// The number of model outputs.
    var outputCount: Int { task == .classification ? classCount : 1 }
}

/// Loads `--dataset` values into ``PreparedData``.
/// How a table is split and scaled: `testFraction` of the rows held out (0: none — the test part is then the
/// training rows, so scores are training scores), and whether features are standardised with the training
/// part's statistics. Defaults: ``DataPreparation/testFraction``, standardised.
struct DataSplit {
    var testFraction: Float = DataPreparation.testFraction
    var standardize = true
    /// How missing cells of a table are filled (nil: a missing cell is an error).
    var missing: MissingValueStrategy? = nil
}

enum DataPreparation {
    /// The fraction of a table held out as the test set (stratified for classes).
    static let testFraction: Float = 0.2

    /// Loads and splits `specifier`; the split of tables is drawn from `seed`.
    /// - Parameters:
    ///   - specifier: the data set to load.
    ///   - task: overrides the guess (integer targets: classification).
    ///   - seed: the seed of the train/test split of tables.
    ///   - standardizer: the statistics stored with a model (nil: fit them on the training part).
    ///   - limit: at most this many training and test examples (the first ones).
    ///   - options: how CSV files are read.
    ///   - classNames: a saved model's classes (text targets map to them).
    ///   - classLabels: a saved model's class labels (numeric targets are mapped to their positions in it).
    ///   - split: how a table is split into training and test parts (default `DataSplit()`).
    ///   - encoding: a saved model's table encoding (nil: learnt from the training part when the table needs one).
    static func load(_ specifier: DatasetSpecifier, task: LearningTask? = nil, seed: UInt64,
                     standardizer: Standardizer? = nil, limit: Int? = nil, table options: CSVReadOptions = CSVReadOptions(),
                     classNames: [String]? = nil, classLabels: [Float]? = nil, split: DataSplit = DataSplit(),
                     encoding: TableEncoding? = nil) throws -> PreparedData {
        switch specifier {
        case .images(let set):
            var train = try set.load(.train), test = try set.load(.test)
            if let limit { train = first(limit, of: train); test = first(limit, of: test) }
            return PreparedData(name: specifier.description, train: train, test: test, task: .classification,
                                classCount: 10, featureNames: [], standardizer: nil)
        case .bundled(let set):
            let table = try LabeledTable(contentsOf: set.url, targetColumn: "target")
            return try prepare(table, name: specifier.description, task: task ?? (set.classCount == nil ? .regression : .classification),
                               seed: seed, standardizer: standardizer, limit: limit, classLabels: classLabels, split: split)
        case .csv(let path, let target):
            let table = try csvTable(path: path, target: target, options: options, classNames: classNames)
            return try prepareTable(table, name: specifier.description, path: path, task: task, seed: seed, standardizer: standardizer,
                                    limit: limit, classLabels: classLabels, split: split, encoding: encoding)
        case .sqlite(let path, let source, let isQuery, let target):
            let table = isQuery ? try Table.query(sqlite: path, source, options: options)
                                : try Table.read(sqlite: path, table: source, options: options)
            let labeled = try table.labeled(target: target ?? table.columnNames.last ?? "target", classNames: classNames, encodable: true)
            return try prepareTable(labeled, name: specifier.description, path: path, task: task, seed: seed, standardizer: standardizer,
                                    limit: limit, classLabels: classLabels, split: split, encoding: encoding)
        case .postgres(let url, let source, let isQuery, let target):
            let table = isQuery ? try Table.query(postgres: url, source, options: options)
                                : try Table.read(postgres: url, table: source, options: options)
            let labeled = try table.labeled(target: target ?? table.columnNames.last ?? "target", classNames: classNames, encodable: true)
            return try prepareTable(labeled, name: specifier.description, path: table.path, task: task, seed: seed,
                                    standardizer: standardizer, limit: limit, classLabels: classLabels, split: split, encoding: encoding)
        }
    }

    /// A table data set: the task guessed from the targets (text targets: classification), class names kept.
    /// Text targets are already positions in `table.classNames`, so they keep those indices (a class absent from
    /// these rows must not shift the others); numeric targets are encoded like every data set's.
    private static func prepareTable(_ table: LabeledTable, name: String, path: String, task: LearningTask?, seed: UInt64,
                                     standardizer: Standardizer?, limit: Int?, classLabels: [Float]?,
                                     split: DataSplit, encoding: TableEncoding?) throws -> PreparedData {
        let guessed = table.classNames == nil ? guessTask(table.targets) : .classification
        let labels = table.classNames.map { names in names.indices.map(Float.init) } ?? classLabels
        let source = { (x: Tensor) in
            TableEncoding.Source(values: x, names: table.featureNames,
                                 categories: table.featureCategories ?? Array(repeating: nil, count: table.featureNames.count), path: path)
        }
        var data = try prepare(table, name: name, task: task ?? guessed, seed: seed, standardizer: standardizer, limit: limit,
                               classLabels: labels, split: split) { train, test in
            do {
                guard let chosen = try encoding ?? (TableEncoding.isNeeded(for: source(table.features))
                    ? TableEncoding.fit(source(train), rows: Array(0..<train.shape[0]), missing: split.missing) : nil) else { return nil }
                let encodedTrain = try chosen.encode(source(train)), encodedTest = try chosen.encode(source(test))
                let unknown = encodedTrain.unknownCells + encodedTest.unknownCells
                Console.warnUnknownCategories(unknown, in: path)
                return (chosen, encodedTrain.features, encodedTest.features)
            } catch let error as NumericTableError where error.isMissingCellsError && encoding == nil {
                throw CLIError("\(error); --impute mean|median|most-frequent fills them")
            }
        }
        data.classNames = table.classNames
        if let names = table.classNames { data.classCount = max(data.classCount, names.count) }
        return data
    }

    /// Reads a CSV file (typed columns, `Table`), its target column named or the last one.
    static func csvTable(path: String, target: String?, options: CSVReadOptions = CSVReadOptions(),
                         classNames: [String]? = nil) throws -> LabeledTable {
        guard FileManager.default.fileExists(atPath: path) else { throw CLIError("CSV file '\(path)' does not exist") }
        let table = try Table.readCSV(URL(fileURLWithPath: path), options: options)
        let target = target ?? table.columnNames.last ?? "target"
        try checkTextColumns(table, except: target, options: options)
        return try table.labeled(target: target, classNames: classNames, encodable: true)
    }

    /// A column of numbers with a stray text cell reads as categorical: that is almost always a typo, not a
    /// category, so unless `--categorical` names it, a column whose categories are mostly numbers is an error
    /// naming its first text cell.
    static func checkTextColumns(_ table: Table, except target: String, options: CSVReadOptions) throws {
        for column in table.columns where column.name != target && !options.categorical.contains(column.name) {
            guard case .categorical(let categories, _) = column.values, let text = column.firstText else { continue }
            let numbers = categories.filter { Double($0.replacingOccurrences(of: String(options.decimalSeparator), with: ".")) != nil }.count
            if numbers * 2 >= categories.count {
                throw NumericTableError(path: table.path, reason: .textInColumn(line: text.line, column: column.name, value: text.text))
            }
        }
    }

    /// Classification when every target is a whole number ≥ 0 and there are at most 100 distinct ones.
    static func guessTask(_ targets: Tensor) -> LearningTask {
        let values = targets.scalars
        let wholeNumbers = values.allSatisfy { $0 >= 0 && $0 == $0.rounded() }
        return wholeNumbers && Set(values).count <= 100 ? .classification : .regression
    }

    /// Splits, encodes (`encode` returns the table encoding and the encoded training and test features, or nil
    /// when none is needed) and standardises.
    private static func prepare(_ table: LabeledTable, name: String, task: LearningTask, seed: UInt64,
                                standardizer: Standardizer?, limit: Int?, classLabels: [Float]? = nil,
                                split: DataSplit = DataSplit(),
                                encode: (Tensor, Tensor) throws -> (TableEncoding, Tensor, Tensor)? = { _, _ in nil }) throws -> PreparedData {
        // Checked first: the class count and the split below reduce over the rows.
        guard table.features.shape[0] >= 5 else { throw CLIError("data set '\(name)' has only \(table.features.shape[0]) rows (at least 5 needed)") }
        var classCount = 1
        var targets = table.targets
        var labels: [Float]? = nil
        if task == .classification {
            if let bad = targets.scalars.first(where: { $0 < 0 || $0 != $0.rounded() }) {
                throw CLIError("data set '\(name)': target \(bad) is not a class index (a whole number ≥ 0); use --task regression")
            }
            let encoded = try encodeClasses(targets.scalars, known: classLabels, name: name)
            targets = Tensor(encoded.indices)
            classCount = encoded.labels.count
            labels = encoded.isIdentity ? nil : encoded.labels
        } else {
            targets = targets.reshaped([-1, 1])
        }
        let all = TensorDataset(inputs: table.features, targets: targets)
        var (train, test) = split.testFraction == 0 ? (all, all)
            : trainTestSplit(all, testFraction: split.testFraction, stratified: task == .classification, seed: seed)
        if let limit { train = first(limit, of: train); test = first(limit, of: test) }
        var featureNames = table.featureNames, encoding: TableEncoding? = nil
        if let (chosen, encodedTrain, encodedTest) = try encode(train.inputs, test.inputs) {
            encoding = chosen
            featureNames = chosen.featureNames
            train = TensorDataset(inputs: encodedTrain, targets: train.targets)
            test = TensorDataset(inputs: encodedTest, targets: test.targets)
        }
        guard split.standardize else {
            return PreparedData(name: name, train: train, test: test, task: task, classCount: classCount,
                                featureNames: featureNames, standardizer: nil, classLabels: labels, encoding: encoding)
        }
        let scaler = standardizer ?? Standardizer(fitting: train.inputs)
        guard scaler.mean.shape == [train.inputs.shape[1]] else {
            throw CLIError("data set '\(name)' has \(train.inputs.shape[1]) features, the model expects \(scaler.mean.shape[0])")
        }
        return PreparedData(name: name, train: TensorDataset(inputs: scaler.transform(train.inputs), targets: train.targets),
                            test: TensorDataset(inputs: scaler.transform(test.inputs), targets: test.targets),
                            task: task, classCount: classCount, featureNames: featureNames, standardizer: scaler,
                            classLabels: labels, encoding: encoding)
    }

    /// Maps class targets to the positions of their values among the sorted distinct values (as scikit-learn's
    /// `LabelEncoder`), so a label such as 9 999 999 999 990 makes one class, not 10¹³ of them.
    ///
    /// ```
    /// labels = sorted(distinct(targets))        index(t) = position of t in labels
    /// ```
    /// With `known` (a saved model's labels) the targets are mapped to those; a target not among them is an error.
    /// `isIdentity`: the labels are 0, 1, …, K-1, so the indices equal the targets.
    static func encodeClasses(_ targets: [Float], known: [Float]? = nil, name: String) throws
        -> (indices: [Float], labels: [Float], isIdentity: Bool) {
        let labels = known ?? Array(Set(targets)).sorted()
        var position: [Float: Int] = [:]
        for (index, label) in labels.enumerated() { position[label] = index }
        let indices = try targets.map { target -> Float in
            guard let index = position[target] else {
                throw CLIError("data set '\(name)': target \(target) is not one of the model's classes \(labels)")
            }
            return Float(index)
        }
        let isIdentity = labels.enumerated().allSatisfy { Float($0.offset) == $0.element }
        return (indices, labels, isIdentity)
    }

    /// The first `count` examples (all if there are fewer).
    static func first(_ count: Int, of dataset: TensorDataset) -> TensorDataset {
        guard count < dataset.count else { return dataset }
        return dataset.batch(at: Array(0..<max(count, 1))).dataset
    }
}

extension PreparedData {
    /// The same data with every example reshaped to `shape` (a table of s² features as an s×s×1 image).
    func reshaped(to shape: [Int]) -> PreparedData {
        guard shape != exampleShape else { return self }
        var copy = self
        copy.train = TensorDataset(inputs: train.inputs.reshaped([train.count] + shape), targets: train.targets)
        copy.test = TensorDataset(inputs: test.inputs.reshaped([test.count] + shape), targets: test.targets)
        return copy
    }

    /// The same data with every example as one row of features (`[count, features]`), the shape the classic
    /// estimators take: images become rows of pixels.
    func flattened() -> PreparedData { reshaped(to: [exampleShape.reduce(1, *)]) }
}
