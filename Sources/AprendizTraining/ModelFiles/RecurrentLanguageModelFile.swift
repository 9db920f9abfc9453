import AprendizData
import AprendizNN
import AprendizTensor
import Foundation

/// A trained `RecurrentLanguageModel` with its character vocabulary in one safetensors model file:
/// the parameters under their dotted names (`ModelFile`), the architecture as JSON
/// (`aprendiz.recurrent-lm`) and the vocabulary as its characters in index order (`aprendiz.vocabulary`,
/// the key a GPT's character tokenizer uses, ``TokenizerMetadata``).
package enum RecurrentLanguageModelFile {
    /// The metadata key of the recurrent language model's architecture (JSON).
    package static let configurationKey = "aprendiz.recurrent-lm"

    /// Writes `model` and `vocabulary` (plus `metadata`) to `path`.
    package static func save(_ model: RecurrentLanguageModel, vocabulary: CharacterVocabulary, to path: String,
                             metadata: [String: String] = [:]) throws {
        let configuration = String(decoding: try JSONEncoder().encode(model.configuration), as: UTF8.self)
        let entries = metadata.merging([configurationKey: configuration,
                                        TokenizerMetadata.vocabularyKey: String(vocabulary.characters)]) { $1 }
        try ModelFile.save(model, to: URL(fileURLWithPath: path), metadata: entries)
    }

    /// Whether the file at `path` holds a recurrent language model (its metadata has the architecture key).
    package static func holdsRecurrentModel(_ path: String) throws -> Bool {
        try SafetensorsArchive(contentsOf: URL(fileURLWithPath: path)).metadata[configurationKey] != nil
    }

    /// Reads a model written by ``save(_:vocabulary:to:metadata:)``.
    /// - Throws: ``ModelFileContentError`` naming the file when it is not such a model file.
    package static func load(_ path: String) throws -> (model: RecurrentLanguageModel, vocabulary: CharacterVocabulary) {
        try read(SafetensorsArchive(contentsOf: URL(fileURLWithPath: path)), path: path)
    }

    /// The model in `archive`, read from `path`, checked before it is built (``StoredConfigurationChecks``).
    package static func read(_ archive: SafetensorsArchive, path: String) throws -> (model: RecurrentLanguageModel, vocabulary: CharacterVocabulary) {
        let vocabularyKey = TokenizerMetadata.vocabularyKey
        guard let json = archive.metadata[configurationKey], let characters = archive.metadata[vocabularyKey],
              let configuration = try? JSONDecoder().decode(RecurrentLanguageModelConfiguration.self, from: Data(json.utf8)) else {
            throw ModelFileContentError(path, "\(path) is not a recurrent language model file (no '\(configurationKey)' and "
                                        + "'\(vocabularyKey)' metadata); train one with `aprendiz train --dataset book-text --model lstm`")
        }
        let vocabulary = try TokenizerMetadata.characterVocabulary(characters, path: path)
        guard RecurrentCell(name: configuration.cell) != nil else {
            throw ModelFileContentError(path, "\(path): unknown recurrent cell '\(configuration.cell)' (rnn, lstm, lstm-peephole, gru)")
        }
        guard vocabulary.count == configuration.vocabularySize, configuration.embeddingDimension >= 1,
              configuration.hiddenCount >= 1, configuration.layerCount >= 1 else {
            throw ModelFileContentError(path, "\(path): its vocabulary has \(vocabulary.count) characters but the model \(configuration.vocabularySize), "
                                        + "or its sizes are not positive")
        }
        try StoredConfigurationChecks.check(nil, weights: configuration.storedWeights, kind: "recurrent language model",
                                            archive: archive, path: path)
        let model = try StoredConfigurationChecks.build(from: archive, path: path) { RecurrentLanguageModel(configuration, using: &$0) }
        return (model, vocabulary)
    }
}
