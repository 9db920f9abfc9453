import Aprendiz
import Foundation

/// A trained `RecurrentLanguageModel` with its character vocabulary in one safetensors model file:
/// the parameters under their dotted names (`ModelFile`), the architecture as JSON
/// (`aprendiz.recurrent-lm`) and the vocabulary as its characters in index order (`aprendiz.vocabulary`,
/// the key ``LanguageModelFile`` uses for a GPT's character tokenizer).
enum RecurrentLanguageModelFile {
    static let configurationKey = "aprendiz.recurrent-lm"

    /// Writes `model` and `vocabulary` (plus `metadata`) to `path`.
    static func save(_ model: RecurrentLanguageModel, vocabulary: CharacterVocabulary, to path: String,
                     metadata: [String: String] = [:]) throws {
        let configuration = String(decoding: try JSONEncoder().encode(model.configuration), as: UTF8.self)
        let entries = metadata.merging([configurationKey: configuration,
                                        LanguageModelFile.vocabularyKey: String(vocabulary.characters)]) { $1 }
        try ModelFile.save(model, to: URL(fileURLWithPath: path), metadata: entries)
    }

    /// Whether the file at `path` holds a recurrent language model (its metadata has the architecture key).
    static func holdsRecurrentModel(_ path: String) throws -> Bool {
        try SafetensorsArchive(contentsOf: URL(fileURLWithPath: path)).metadata[configurationKey] != nil
    }

    /// Reads a model written by ``save(_:vocabulary:to:metadata:)``.
    /// - Throws: `CLIError` naming the file when it is not such a model file.
    static func load(_ path: String) throws -> (model: RecurrentLanguageModel, vocabulary: CharacterVocabulary) {
        let url = URL(fileURLWithPath: path)
        let archive = try SafetensorsArchive(contentsOf: url)
        guard let json = archive.metadata[configurationKey], let characters = archive.metadata[LanguageModelFile.vocabularyKey],
              let configuration = try? JSONDecoder().decode(RecurrentLanguageModelConfiguration.self, from: Data(json.utf8)) else {
            throw CLIError("\(path) is not a recurrent language model file (no '\(configurationKey)' and "
                           + "'\(LanguageModelFile.vocabularyKey)' metadata); train one with `aprendiz train --dataset book-text --model lstm`")
        }
        let vocabulary = CharacterVocabulary(characters: Array(characters))
        guard RecurrentCell(name: configuration.cell) != nil else {
            throw CLIError("\(path): unknown recurrent cell '\(configuration.cell)' (rnn, lstm, lstm-peephole, gru)")
        }
        guard vocabulary.count == configuration.vocabularySize, configuration.embeddingDimension >= 1,
              configuration.hiddenCount >= 1, configuration.layerCount >= 1 else {
            throw CLIError("\(path): its vocabulary has \(vocabulary.count) characters but the model \(configuration.vocabularySize), "
                           + "or its sizes are not positive")
        }
        var generator = RandomGenerator(seed: 0)
        let model = RecurrentLanguageModel(configuration, using: &generator)
        try ModelFile.loadParameters(into: model, from: url)
        return (model, vocabulary)
    }
}
