import Aprendiz

/// The command line's side of `SequenceToSequenceModelFile` (AprendizTraining): the task as a ``DigitSequenceTask``.
extension SequenceToSequenceModelFile {
    /// Writes `model`, trained on `task` with strings of 1…`maxDigits` digits (plus `metadata`), to `path`.
    static func save(_ model: EncoderDecoderTransformer, task: DigitSequenceTask, maxDigits: Int, to path: String,
                     metadata: [String: String] = [:]) throws {
        try save(model, task: task.rawValue, maxDigits: maxDigits, to: path, metadata: metadata)
    }

    /// Reads a model written by ``save(_:task:maxDigits:to:metadata:)``.
    /// - Throws: `ModelFileContentError` naming the file when it is not such a model file.
    static func load(_ path: String) throws -> (model: EncoderDecoderTransformer, task: DigitSequenceTask, maxDigits: Int) {
        let (model, name, maxDigits) = try load(path, tasks: Set(DigitSequenceTask.allCases.map(\.rawValue)))
        guard let task = DigitSequenceTask(rawValue: name) else { throw CLIError("\(path): unknown task '\(name)'") }
        return (model, task, maxDigits)
    }
}
