import AprendizData
import AprendizNN
import AprendizTensor
import Foundation

/// A `BERT` from `pretrain-mlm` (or `finetune-bert`) with its tokenizer in one safetensors model file: the
/// parameters, the configuration (`aprendiz.bert`) and the tokenizer (``TokenizerMetadata``). The model's
/// vocabulary is the tokenizer's symbols, then `[CLS]`, then `[MASK]`.
package enum MaskedLanguageModelFile {
    /// The metadata key of the BERT configuration (JSON).
    package static let configurationKey = "aprendiz.bert"

    /// Writes `model` and `tokenizer` (plus `metadata`) to `path`.
    package static func save(_ model: BERT, tokenizer: LanguageModelTokenizer, to path: String, metadata: [String: String] = [:]) throws {
        try TransformerModelFile.save(model, configuration: model.configuration, key: configurationKey,
                                      metadata: metadata.merging(try TokenizerMetadata.entries(tokenizer)) { $1 }, to: path)
    }

    /// Reads a model written by ``save(_:tokenizer:to:metadata:)``.
    /// - Throws: ``ModelFileContentError`` naming the file when it is not a BERT model file or its parts disagree.
    package static func load(_ path: String) throws -> (model: BERT, tokenizer: LanguageModelTokenizer, metadata: [String: String]) {
        try read(SafetensorsArchive(contentsOf: URL(fileURLWithPath: path)), path: path)
    }

    /// The model in `archive`, read from `path`, checked before it is built (``StoredConfigurationChecks``).
    package static func read(_ archive: SafetensorsArchive, path: String) throws
        -> (model: BERT, tokenizer: LanguageModelTokenizer, metadata: [String: String]) {
        let configuration = try TransformerModelFile.configuration(
            BERTConfiguration.self, key: configurationKey, in: archive, path: path, kind: "BERT", producer: "pretrain-mlm")
        guard let tokenizer = try TokenizerMetadata.tokenizer(archive.metadata, path: path) else {
            throw ModelFileContentError(path, "\(path) has no tokenizer ('\(TokenizerMetadata.vocabularyKey)' or '\(TokenizerMetadata.bytePairKey)' metadata)")
        }
        guard tokenizer.count + 2 == configuration.vocabularySize else {
            throw ModelFileContentError(path, "\(path): its tokenizer has \(tokenizer.count) symbols + [CLS] + [MASK] but the model \(configuration.vocabularySize)")
        }
        try StoredConfigurationChecks.check(configuration.storedProblem, weights: configuration.storedWeights, kind: "BERT",
                                            archive: archive, path: path)
        let model = try StoredConfigurationChecks.build(from: archive, path: path) { BERT(configuration, using: &$0) }
        return (model, tokenizer, archive.metadata)
    }
}
