import AprendizData
import AprendizNN
import AprendizTensor
import Foundation

/// What `aprendiz train --save` stores next to the architecture in the model file's metadata (key
/// `aprendiz.preprocessing`, JSON) so `evaluate`, `predict` and `aprendiz-serve` prepare inputs
/// exactly as training did: the standardisation statistics of the training part, the input shape,
/// the task and classes.
///
/// ```
/// "aprendiz.preprocessing": {"dataset": "iris", "model": "mlp", "task": "classification", "classCount": 3,
///                            "inputShape": [4], "featureNames": […], "mean": […], "standardDeviation": […], "seed": 42}
/// ```
///
/// Text targets add `classNames`, numeric targets whose values are not 0…K-1 add `classLabels`, classic
/// models add `testFraction`, tables with text or missing cells add `encoding` (their one-hot encoding and
/// imputation, `TableEncoding`); all four are absent from older files.
public struct ModelMetadata: Codable, Equatable, Sendable {
    /// The metadata key.
    public static let key = "aprendiz.preprocessing"

    /// The data set the model was trained on (the `--dataset` value).
    public var dataset: String
    /// The `--model` name of the model (`mlp`, `convnet`, `lenet5`, `ridge`, …).
    public var model: String
    public var task: LearningTask
    /// The number of classes (1 for regression).
    public var classCount: Int
    /// One example's shape as the model reads it (`[4]`, `[8, 8, 1]`, `[28, 28, 1]`).
    public var inputShape: [Int]
    public var featureNames: [String]
    /// μ and σ per feature (nil for images).
    public var mean: [Float]?
    public var standardDeviation: [Float]?
    /// The seed of the train/test split.
    public var seed: UInt64
    /// The classes' names when the target column held text (nil: classes are numbered).
    public var classNames: [String]?
    /// The classes' original target values when they were not 0…K-1 (nil otherwise, and in older files).
    public var classLabels: [Float]?
    /// The held-out fraction of a classic model's split (nil: the default fraction).
    public var testFraction: Float?
    /// How the table's columns became the model's inputs (categorical columns one-hot encoded, missing cells
    /// filled), applied before the standardisation; nil when every feature was a complete number column.
    public var encoding: TableEncoding?

    /// The metadata of one trained model; `classNames`, `classLabels` and `testFraction` default to nil.
    public init(dataset: String, model: String, task: LearningTask, classCount: Int, inputShape: [Int],
                featureNames: [String], mean: [Float]?, standardDeviation: [Float]?, seed: UInt64,
                classNames: [String]? = nil, classLabels: [Float]? = nil, testFraction: Float? = nil, encoding: TableEncoding? = nil) {
        self.dataset = dataset
        self.model = model
        self.task = task
        self.classCount = classCount
        self.inputShape = inputShape
        self.featureNames = featureNames
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.seed = seed
        self.classNames = classNames
        self.classLabels = classLabels
        self.testFraction = testFraction
        self.encoding = encoding
    }

    /// The standardisation of the training part, `(x − μ) / σ` per feature (nil for images).
    public var standardizer: Standardizer? {
        guard let mean, let standardDeviation else { return nil }
        return Standardizer(mean: Tensor(mean), standardDeviation: Tensor(standardDeviation))
    }

    /// The entry for `ModelFile.save(_:to:optimizer:metadata:)`; keys sorted, so the same training gives the
    /// same bytes (a dictionary's order changes from one process to the next).
    public func entry() throws -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return [Self.key: String(decoding: try encoder.encode(self), as: UTF8.self)]
    }

    /// The classes as the training data's target column wrote them: ``classNames`` (a text target), else
    /// ``classLabels`` as whole numbers (`"3"`, `"-1"`), else nil (the class index is the class).
    public var classDisplayNames: [String]? { Self.displayNames(classNames: classNames, labels: classLabels) }

    /// `classNames`, else `labels` written as whole numbers (`%.0f`), else nil; shared by ``classDisplayNames``
    /// and `aprendiz predict`'s CSV.
    public static func displayNames(classNames: [String]?, labels: [Float]?) -> [String]? {
        classNames ?? labels.map { $0.map { String(format: "%.0f", Double($0)) } }
    }

    /// Loads a model file written by `aprendiz train --save`.
    /// - Throws: ``ModelMetadataError`` for a missing file or one without this metadata; the
    ///   ``ModelFile`` errors otherwise.
    public static func loadModel(_ path: String) throws -> (model: Module, metadata: ModelMetadata) {
        guard FileManager.default.fileExists(atPath: path) else { throw ModelMetadataError.missingFile(path) }
        let (model, entries, _) = try ModelFile.load(from: URL(fileURLWithPath: path))
        guard let json = entries[key], let metadata = try? JSONDecoder().decode(ModelMetadata.self, from: Data(json.utf8)) else {
            throw ModelMetadataError.noMetadata(path)
        }
        return (model, metadata)
    }
}

/// Why a file is not a model that `aprendiz train --save` wrote.
public enum ModelMetadataError: Error, Equatable, CustomStringConvertible {
    case missingFile(String)
    case noMetadata(String)

    public var description: String {
        switch self {
        case .missingFile(let path): "model file '\(path)' does not exist"
        case .noMetadata(let path): "model file '\(path)' was not written by aprendiz train (no '\(ModelMetadata.key)' metadata)"
        }
    }
}
