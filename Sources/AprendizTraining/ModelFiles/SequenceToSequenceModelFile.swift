import AprendizData
import AprendizNN
import AprendizTensor
import Foundation

/// An `EncoderDecoderTransformer` from `train-seq2seq` in one safetensors model file: the parameters, the
/// configuration (`aprendiz.seq2seq`), the task (`aprendiz.seq2seq.task`) and the longest string
/// (`aprendiz.seq2seq.maxDigits`), so the model can be rebuilt and asked again. The tasks themselves are
/// the command line's (`DigitSequenceTask`): the reader takes their names.
package enum SequenceToSequenceModelFile {
    /// The metadata key of the encoder–decoder configuration (JSON).
    package static let configurationKey = "aprendiz.seq2seq"
    /// The metadata key of the task the model was trained on.
    package static let taskKey = "aprendiz.seq2seq.task"
    /// The metadata key of the task's longest digit string.
    package static let maxDigitsKey = "aprendiz.seq2seq.maxDigits"
    /// The most values of the sinusoidal table beyond the stored values (2²⁰, 4 MB; ``StoredConfigurationChecks``).
    static let positionTableAllowance = 1 << 20

    /// Writes `model`, trained on the task named `task` with strings of 1…`maxDigits` digits (plus `metadata`), to `path`.
    package static func save(_ model: EncoderDecoderTransformer, task: String, maxDigits: Int, to path: String,
                             metadata: [String: String] = [:]) throws {
        try TransformerModelFile.save(model, configuration: model.configuration, key: configurationKey,
                                      metadata: metadata.merging([taskKey: task, maxDigitsKey: "\(maxDigits)"]) { $1 }, to: path)
    }

    /// Reads a model written by ``save(_:task:maxDigits:to:metadata:)`` whose task is one of `tasks`.
    /// - Throws: ``ModelFileContentError`` naming the file when it is not such a model file.
    package static func load(_ path: String, tasks: Set<String>) throws -> (model: EncoderDecoderTransformer, task: String, maxDigits: Int) {
        try read(SafetensorsArchive(contentsOf: URL(fileURLWithPath: path)), path: path, tasks: tasks)
    }

    /// The model in `archive`, read from `path`, checked before it is built (``StoredConfigurationChecks``).
    package static func read(_ archive: SafetensorsArchive, path: String, tasks: Set<String>) throws
        -> (model: EncoderDecoderTransformer, task: String, maxDigits: Int) {
        let configuration = try TransformerModelFile.configuration(
            EncoderDecoderConfiguration.self, key: configurationKey, in: archive, path: path, kind: "encoder-decoder", producer: "train-seq2seq")
        let metadata = archive.metadata
        // `maxDigits + 2` overflows for Int.max: compared after the bound.
        guard let task = metadata[taskKey], tasks.contains(task), let maxDigits = Int(metadata[maxDigitsKey] ?? ""),
              maxDigits >= 1, maxDigits <= Int.max - 2, maxDigits + 2 <= configuration.maxLength else {
            throw ModelFileContentError(path, "\(path) has no valid '\(taskKey)' and '\(maxDigitsKey)' metadata")
        }
        try StoredConfigurationChecks.check(configuration.storedProblem, weights: configuration.storedWeights, kind: "encoder-decoder",
                                            archive: archive, path: path)
        let stored = StoredConfigurationChecks.storedCount(archive)
        guard configuration.positionTableCount <= StoredConfigurationChecks.sum(stored, positionTableAllowance) else {
            throw ModelFileContentError(path, "\(path): invalid encoder-decoder configuration: a position table of \(configuration.maxLength) × "
                                        + "\(configuration.modelDimension) for a file of \(stored) values")
        }
        let model = try StoredConfigurationChecks.build(from: archive, path: path) { EncoderDecoderTransformer(configuration, using: &$0) }
        return (model, task, maxDigits)
    }
}
