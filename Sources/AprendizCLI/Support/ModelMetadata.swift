import Aprendiz
import Foundation

/// What `aprendiz train --save` stores next to the architecture in the model file's metadata (key
/// `aprendiz.preprocessing`, JSON) so `evaluate` and `predict` prepare inputs exactly as training
/// did: the standardisation statistics of the training part, the input shape, the task and classes.
struct ModelMetadata: Codable, Equatable {
    /// The metadata key.
    static let key = "aprendiz.preprocessing"

    var dataset: String
    var model: ModelKind
    var task: LearningTask
    var classCount: Int
    /// One example's shape as the model reads it (`[4]`, `[8, 8, 1]`, `[28, 28, 1]`).
    var inputShape: [Int]
    var featureNames: [String]
    /// μ and σ per feature (nil for images).
    var mean: [Float]?
    var standardDeviation: [Float]?
    /// The seed of the train/test split.
    var seed: UInt64
    /// The classes' names when the target column held text (nil: classes are numbered).
    var classNames: [String]?
    /// The classes' original target values when they were not 0…K-1 (nil otherwise, and in older files).
    var classLabels: [Float]?
    /// The held-out fraction of a classic model's split (nil: ``DataPreparation/testFraction``).
    var testFraction: Float?

    var standardizer: Standardizer? {
        guard let mean, let standardDeviation else { return nil }
        return Standardizer(mean: Tensor(mean), standardDeviation: Tensor(standardDeviation))
    }

    init(data: PreparedData, model: ModelKind, inputShape: [Int], seed: UInt64) {
        dataset = data.name
        self.model = model
        task = data.task
        classCount = data.classCount
        self.inputShape = inputShape
        featureNames = data.featureNames
        mean = data.standardizer?.mean.scalars
        standardDeviation = data.standardizer?.standardDeviation.scalars
        self.seed = seed
        classNames = data.classNames
        classLabels = data.classLabels
    }

    /// The entry for `ModelFile.save(_:to:optimizer:metadata:)`; keys sorted, so the same training gives the
    /// same bytes (a dictionary's order changes from one process to the next).
    func entry() throws -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return [Self.key: String(decoding: try encoder.encode(self), as: UTF8.self)]
    }

    /// Loads a model file written by `aprendiz train --save`.
    /// - Throws: ``CLIError`` for a missing file or one without this metadata; the model file errors otherwise.
    static func loadModel(_ path: String) throws -> (model: Module, metadata: ModelMetadata) {
        guard FileManager.default.fileExists(atPath: path) else { throw CLIError("model file '\(path)' does not exist") }
        let (model, entries, _) = try ModelFile.load(from: URL(fileURLWithPath: path))
        guard let json = entries[key], let metadata = try? JSONDecoder().decode(ModelMetadata.self, from: Data(json.utf8)) else {
            throw CLIError("model file '\(path)' was not written by aprendiz train (no '\(key)' metadata)")
        }
        return (model, metadata)
    }
}
