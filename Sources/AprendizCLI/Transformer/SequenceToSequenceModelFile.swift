import Aprendiz
import Foundation

/// An `EncoderDecoderTransformer` from `train-seq2seq` in one safetensors model file: the parameters, the
/// configuration (`aprendiz.seq2seq`), the task (`aprendiz.seq2seq.task`) and the longest string
/// (`aprendiz.seq2seq.maxDigits`), so the model can be rebuilt and asked again.
enum SequenceToSequenceModelFile {
    static let configurationKey = "aprendiz.seq2seq"
    static let taskKey = "aprendiz.seq2seq.task"
    static let maxDigitsKey = "aprendiz.seq2seq.maxDigits"

    /// Writes `model`, trained on `task` with strings of 1…`maxDigits` digits (plus `metadata`), to `path`.
    static func save(_ model: EncoderDecoderTransformer, task: DigitSequenceTask, maxDigits: Int, to path: String,
                     metadata: [String: String] = [:]) throws {
        try TransformerModelFile.save(model, configuration: model.configuration, key: configurationKey,
                                      metadata: metadata.merging([taskKey: task.rawValue, maxDigitsKey: "\(maxDigits)"]) { $1 },
                                      to: path)
    }

    /// Reads a model written by ``save(_:task:maxDigits:to:metadata:)``.
    /// - Throws: `CLIError` naming the file when it is not such a model file.
    static func load(_ path: String) throws -> (model: EncoderDecoderTransformer, task: DigitSequenceTask, maxDigits: Int) {
        let (configuration, metadata) = try TransformerModelFile.configuration(
            EncoderDecoderConfiguration.self, key: configurationKey, in: path, kind: "encoder-decoder", producer: "train-seq2seq")
        guard let task = DigitSequenceTask(rawValue: metadata[taskKey] ?? ""), let maxDigits = Int(metadata[maxDigitsKey] ?? ""),
              maxDigits >= 1, maxDigits + 2 <= configuration.maxLength else {
            throw CLIError("\(path) has no valid '\(taskKey)' and '\(maxDigitsKey)' metadata")
        }
        var generator = RandomGenerator(seed: 0)
        let model = EncoderDecoderTransformer(configuration, using: &generator)
        try ModelFile.loadParameters(into: model, from: URL(fileURLWithPath: path))
        return (model, task, maxDigits)
    }
}
