import AprendizData
import AprendizNN
import AprendizTensor
import Foundation

/// A trained `GPT` with its tokenizer in one safetensors model file: the parameters under their dotted
/// names (`ModelFile`), the configuration (JSON, `aprendiz.gpt`) and the tokenizer in the metadata
/// (``TokenizerMetadata``), so `generate` and `explain attention` rebuild both.
package enum LanguageModelFile {
    /// The metadata key of the GPT configuration (JSON).
    package static let configurationKey = "aprendiz.gpt"
    /// The metadata key of a character vocabulary (``TokenizerMetadata``).
    package static let vocabularyKey = TokenizerMetadata.vocabularyKey
    /// The metadata key of a byte-pair tokenizer (``TokenizerMetadata``).
    package static let bytePairKey = TokenizerMetadata.bytePairKey

    /// Writes `model` and `tokenizer` (plus `metadata`) to `path`.
    package static func save(_ model: GPT, tokenizer: LanguageModelTokenizer, to path: String, metadata: [String: String] = [:]) throws {
        let configuration = String(decoding: try JSONEncoder().encode(model.configuration), as: UTF8.self)
        let entries = metadata.merging([configurationKey: configuration]) { $1 }.merging(try TokenizerMetadata.entries(tokenizer)) { $1 }
        try ModelFile.save(model, to: URL(fileURLWithPath: path), metadata: entries)
    }

    /// Reads a model written by ``save(_:tokenizer:to:metadata:)``.
    /// - Throws: ``ModelFileContentError`` naming the file when it is not a GPT model file, `SafetensorsError`, `ModelFileError`.
    package static func load(_ path: String) throws -> (model: GPT, tokenizer: LanguageModelTokenizer) {
        try read(SafetensorsArchive(contentsOf: URL(fileURLWithPath: path)), path: path)
    }

    /// The model in `archive`, read from `path`: configuration and tokenizer checked against each other and the
    /// stored values (``StoredConfigurationChecks``) before the model is built.
    package static func read(_ archive: SafetensorsArchive, path: String) throws -> (model: GPT, tokenizer: LanguageModelTokenizer) {
        guard let json = archive.metadata[configurationKey], let tokenizer = try TokenizerMetadata.tokenizer(archive.metadata, path: path),
              let configuration = try? JSONDecoder().decode(GPTConfiguration.self, from: Data(json.utf8)) else {
            throw ModelFileContentError(path, "\(path) is not a GPT model file (no '\(configurationKey)' and '\(vocabularyKey)' or "
                                        + "'\(bytePairKey)' metadata); train one with `aprendiz train-lm`")
        }
        guard tokenizer.count == configuration.vocabularySize else {
            throw ModelFileContentError(path, "\(path): its tokenizer has \(tokenizer.count) symbols but the model \(configuration.vocabularySize)")
        }
        try StoredConfigurationChecks.check(configuration.storedProblem, weights: configuration.storedWeights, kind: "GPT",
                                            archive: archive, path: path)
        let model = try StoredConfigurationChecks.build(from: archive, path: path) { GPT(configuration, using: &$0) }
        return (model, tokenizer)
    }
}
