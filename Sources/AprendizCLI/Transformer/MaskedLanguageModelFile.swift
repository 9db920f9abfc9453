import Aprendiz
import Foundation

/// A `BERT` from `pretrain-mlm` (or `finetune-bert`) with its tokenizer in one safetensors model file: the
/// parameters, the configuration (`aprendiz.bert`) and the tokenizer as `LanguageModelFile` stores it. The
/// model's vocabulary is the tokenizer's symbols, then `[CLS]`, then `[MASK]`.
enum MaskedLanguageModelFile {
    static let configurationKey = "aprendiz.bert"

    /// Writes `model` and `tokenizer` (plus `metadata`) to `path`.
    static func save(_ model: BERT, tokenizer: LanguageModelTokenizer, to path: String, metadata: [String: String] = [:]) throws {
        try TransformerModelFile.save(model, configuration: model.configuration, key: configurationKey,
                                      metadata: metadata.merging(try LanguageModelFile.tokenizerMetadata(tokenizer)) { $1 }, to: path)
    }

    /// Reads a model written by ``save(_:tokenizer:to:metadata:)``.
    /// - Throws: `CLIError` naming the file when it is not a BERT model file or its parts disagree.
    static func load(_ path: String) throws -> (model: BERT, tokenizer: LanguageModelTokenizer, metadata: [String: String]) {
        let (configuration, metadata) = try TransformerModelFile.configuration(
            BERTConfiguration.self, key: configurationKey, in: path, kind: "BERT", producer: "pretrain-mlm")
        guard let tokenizer = LanguageModelFile.tokenizer(metadata) else {
            throw CLIError("\(path) has no tokenizer ('\(LanguageModelFile.vocabularyKey)' or '\(LanguageModelFile.bytePairKey)' metadata)")
        }
        guard tokenizer.count + 2 == configuration.vocabularySize else {
            throw CLIError("\(path): its tokenizer has \(tokenizer.count) symbols + [CLS] + [MASK] but the model \(configuration.vocabularySize)")
        }
        var generator = RandomGenerator(seed: 0)
        let model = BERT(configuration, using: &generator)
        try ModelFile.loadParameters(into: model, from: URL(fileURLWithPath: path))
        return (model, tokenizer, metadata)
    }
}
