import Aprendiz
import Foundation

/// A trained `GPT` with its tokenizer in one safetensors model file: the parameters under their dotted
/// names (`ModelFile`), the configuration (JSON) and the tokenizer in the metadata, so `generate` and
/// `explain attention` rebuild both. A character tokenizer is stored as its characters in index order
/// (`aprendiz.vocabulary`); a byte-pair encoding as its JSON (`aprendiz.bpe`: symbol texts and merges).
enum LanguageModelFile {
    static let configurationKey = "aprendiz.gpt"
    static let vocabularyKey = "aprendiz.vocabulary"
    static let bytePairKey = "aprendiz.bpe"

    /// Writes `model` and `tokenizer` (plus `metadata`) to `path`.
    static func save(_ model: GPT, tokenizer: LanguageModelTokenizer, to path: String, metadata: [String: String] = [:]) throws {
        let configuration = String(decoding: try JSONEncoder().encode(model.configuration), as: UTF8.self)
        let entries = metadata.merging([configurationKey: configuration]) { $1 }.merging(try tokenizerMetadata(tokenizer)) { $1 }
        try ModelFile.save(model, to: URL(fileURLWithPath: path), metadata: entries)
    }

    /// Reads a model written by ``save(_:tokenizer:to:metadata:)``.
    /// - Throws: `CLIError` naming the file when it is not a GPT model file.
    static func load(_ path: String) throws -> (model: GPT, tokenizer: LanguageModelTokenizer) {
        let url = URL(fileURLWithPath: path)
        let archive = try SafetensorsArchive(contentsOf: url)
        guard let json = archive.metadata[configurationKey], let tokenizer = Self.tokenizer(archive.metadata),
              let configuration = try? JSONDecoder().decode(GPTConfiguration.self, from: Data(json.utf8)) else {
            throw CLIError("\(path) is not a GPT model file (no '\(configurationKey)' and '\(vocabularyKey)' or "
                           + "'\(bytePairKey)' metadata); train one with `aprendiz train-lm`")
        }
        guard tokenizer.count == configuration.vocabularySize else {
            throw CLIError("\(path): its tokenizer has \(tokenizer.count) symbols but the model \(configuration.vocabularySize)")
        }
        var generator = RandomGenerator(seed: 0)
        let model = GPT(configuration, using: &generator)
        try ModelFile.loadParameters(into: model, from: url)
        return (model, tokenizer)
    }

    /// The metadata entries that store `tokenizer` (`aprendiz.vocabulary` or `aprendiz.bpe`).
    static func tokenizerMetadata(_ tokenizer: LanguageModelTokenizer) throws -> [String: String] {
        switch tokenizer {
        case .character(let vocabulary): [vocabularyKey: String(vocabulary.characters)]
        case .bytePair(let encoding): [bytePairKey: String(decoding: try JSONEncoder().encode(encoding), as: UTF8.self)]
        }
    }

    /// The tokenizer stored in `metadata` by ``tokenizerMetadata(_:)``, or `nil`.
    static func tokenizer(_ metadata: [String: String]) -> LanguageModelTokenizer? {
        if let json = metadata[bytePairKey] {
            return (try? JSONDecoder().decode(BytePairEncoding.self, from: Data(json.utf8))).map { .bytePair($0) }
        }
        return metadata[vocabularyKey].map { .character(CharacterVocabulary(characters: Array($0))) }
    }

    /// The symbols of `text`, or a `CLIError` naming the first character the model does not know.
    static func encode(_ text: String, with tokenizer: LanguageModelTokenizer, option: String) throws -> [Int] {
        do {
            return try tokenizer.encode(text)
        } catch {
            throw CLIError("\(option): \(error) of the model")
        }
    }
}
