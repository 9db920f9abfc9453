import Aprendiz
import Foundation

/// A trained `GPT` with its character vocabulary in one safetensors model file: the parameters
/// under their dotted names (`ModelFile`), the configuration (JSON) and the vocabulary (its
/// characters in index order) in the metadata, so `generate` and `explain attention` rebuild both.
enum LanguageModelFile {
    static let configurationKey = "aprendiz.gpt"
    static let vocabularyKey = "aprendiz.vocabulary"

    /// Writes `model` and `vocabulary` (plus `metadata`) to `path`.
    static func save(_ model: GPT, vocabulary: CharacterVocabulary, to path: String, metadata: [String: String] = [:]) throws {
        let configuration = String(decoding: try JSONEncoder().encode(model.configuration), as: UTF8.self)
        let entries = metadata.merging([configurationKey: configuration, vocabularyKey: String(vocabulary.characters)]) { $1 }
        try ModelFile.save(model, to: URL(fileURLWithPath: path), metadata: entries)
    }

    /// Reads a model written by ``save(_:vocabulary:to:metadata:)``.
    /// - Throws: `CLIError` naming the file when it is not a GPT model file.
    static func load(_ path: String) throws -> (model: GPT, vocabulary: CharacterVocabulary) {
        let url = URL(fileURLWithPath: path)
        let archive = try SafetensorsArchive(contentsOf: url)
        guard let json = archive.metadata[configurationKey], let characters = archive.metadata[vocabularyKey],
              let configuration = try? JSONDecoder().decode(GPTConfiguration.self, from: Data(json.utf8)) else {
            throw CLIError("\(path) is not a GPT model file (no '\(configurationKey)' and '\(vocabularyKey)' metadata); train one with `aprendiz train-lm`")
        }
        var generator = RandomGenerator(seed: 0)
        let model = GPT(configuration, using: &generator)
        try ModelFile.loadParameters(into: model, from: url)
        return (model, CharacterVocabulary(characters: Array(characters)))
    }

    /// The symbols of `text`, or a `CLIError` naming the first character the model does not know.
    static func encode(_ text: String, with vocabulary: CharacterVocabulary, option: String) throws -> [Int] {
        do {
            return try vocabulary.encode(text)
        } catch {
            throw CLIError("\(option): \(error) of the model")
        }
    }
}
