import AprendizData
import AprendizNN
import AprendizTensor

/// The checks a configuration read from a model file passes before its model is built: every size positive
/// and divisible as the layers require (the layers' own checks trap, as programmer errors should), and the
/// number of weights it describes no larger than the values the file stores — a hostile vocabulary of 10⁹ or
/// context of 2⁶² is a thrown error, not a 4 GB allocation. The count is a lower bound of the parameters
/// (the matrices; saturating at `Int.max`):
///
/// ```
/// GPT:      V·E + T·E + N·(4E² + 2EF) (+ E·V untied head)
/// BERT:     V·E + T·E + N·(4E² + 2EF) + E² (+ E² + E·C with a classifier)
/// seq2seq:  V_s·E (+ V_t·E) + N_e·(4E² + 2EF) + N_d·(8E² + 2EF) (+ E·V_t untied head)
/// ViT:      C·P²·E + (S²/P² + 1)·E + N·(4E² + 2EF) + E·K
/// RNN LM:   V·E + E·H + L·H² + H·V
/// ```
/// The encoder–decoder's sinusoidal table (not stored) is bounded apart: `maxLength·E ≤ stored + 2²⁰`.
enum StoredConfigurationChecks {
    /// Throws ``ModelFileContentError`` (`<path>: invalid <kind> configuration: <problem>`) for a problem, or
    /// `ModelFileError.architectureLargerThanFile` when `weights` exceeds the values `archive` stores.
    static func check(_ problem: String?, weights: Int, kind: String, archive: SafetensorsArchive, path: String) throws {
        if let problem { throw ModelFileContentError(path, "\(path): invalid \(kind) configuration: \(problem)") }
        let stored = storedCount(archive)
        guard weights <= stored else { throw ModelFileError.architectureLargerThanFile(path, weights: weights, stored: stored) }
    }

    /// The model `make` builds (from seed 0: every weight is then overwritten) with the parameters of `archive`
    /// (read from `path`) loaded into it; called once the configuration has passed ``check(_:weights:kind:archive:path:)``.
    static func build<M: Module>(from archive: SafetensorsArchive, path: String, _ make: (inout RandomGenerator) -> M) throws -> M {
        var generator = RandomGenerator(seed: 0)
        let model = make(&generator)
        try ModelFile.loadParameters(into: model, from: archive, path: path)
        return model
    }

    /// The number of values the archive holds.
    static func storedCount(_ archive: SafetensorsArchive) -> Int {
        archive.tensors.values.reduce(0) { sum($0, $1.scalars.count) }
    }

    /// The product, saturating at `Int.max` (factors below 0 count as 0).
    static func product(_ factors: Int...) -> Int {
        factors.reduce(1) { total, factor in
            let (value, overflow) = total.multipliedReportingOverflow(by: max(factor, 0))
            return overflow ? Int.max : value
        }
    }

    /// The sum, saturating at `Int.max` (terms below 0 count as 0).
    static func sum(_ terms: Int...) -> Int {
        terms.reduce(0) { total, term in
            let (value, overflow) = total.addingReportingOverflow(max(term, 0))
            return overflow ? Int.max : value
        }
    }

    /// N blocks of width E and feed-forward width F: N·(a·E² + 2EF), a = 4 (self-attention) or 8 (with cross-attention).
    static func blockWeights(layers: Int, width: Int, feedForward: Int, attentionMatrices: Int) -> Int {
        product(layers, sum(product(attentionMatrices, width, width), product(2, width, feedForward)))
    }

    /// Token and position embeddings and N self-attention blocks, GPT's and BERT's common part: V·E + T·E + N·(4E² + 2EF).
    static func tokenStack(vocabulary: Int, context: Int, width: Int, layers: Int, feedForward: Int) -> Int {
        sum(product(vocabulary, width), product(context, width),
            blockWeights(layers: layers, width: width, feedForward: feedForward, attentionMatrices: 4))
    }

    /// The problem of a Transformer stack's sizes, or `nil`.
    static func blockProblem(width: Int, heads: Int, feedForward: Int, layers: [Int], dropout: Float) -> String? {
        if heads <= 0 || width <= 0 || width % heads != 0 { return "width \(width) is not a positive multiple of the \(heads) heads" }
        if feedForward <= 0 || layers.contains(where: { $0 <= 0 }) { return "needs feed-forward width ≥ 1 and layers ≥ 1" }
        if !(0..<1).contains(dropout) { return "needs dropout in [0, 1), got \(dropout)" }
        return nil
    }
}

extension GPTConfiguration {
    /// Why a model file's configuration cannot build a ``GPT``, or `nil`.
    var storedProblem: String? {
        if vocabularySize <= 0 || contextLength <= 0 { return "needs vocabulary ≥ 1 and context ≥ 1" }
        return StoredConfigurationChecks.blockProblem(width: modelDimension, heads: headCount, feedForward: feedForwardDimension,
                                                      layers: [layerCount], dropout: dropout)
    }

    /// A lower bound of the weights (``StoredConfigurationChecks``).
    var storedWeights: Int {
        typealias C = StoredConfigurationChecks
        return C.sum(C.tokenStack(vocabulary: vocabularySize, context: contextLength, width: modelDimension, layers: layerCount,
                                  feedForward: feedForwardDimension),
                     tiedHead ? 0 : C.product(modelDimension, vocabularySize))
    }
}

extension BERTConfiguration {
    /// Why a model file's configuration cannot build a ``BERT``, or `nil`.
    var storedProblem: String? {
        if vocabularySize <= 0 || contextLength <= 0 || classCount < 0 { return "needs vocabulary ≥ 1, context ≥ 1 and classes ≥ 0" }
        return StoredConfigurationChecks.blockProblem(width: modelDimension, heads: headCount, feedForward: feedForwardDimension,
                                                      layers: [layerCount], dropout: dropout)
    }

    /// A lower bound of the weights (``StoredConfigurationChecks``).
    var storedWeights: Int {
        typealias C = StoredConfigurationChecks
        return C.sum(C.tokenStack(vocabulary: vocabularySize, context: contextLength, width: modelDimension, layers: layerCount,
                                  feedForward: feedForwardDimension),
                     C.product(modelDimension, modelDimension),
                     classCount > 0 ? C.sum(C.product(modelDimension, modelDimension), C.product(modelDimension, classCount)) : 0)
    }
}

extension EncoderDecoderConfiguration {
    /// Why a model file's configuration cannot build an ``EncoderDecoderTransformer``, or `nil`.
    var storedProblem: String? {
        if sourceVocabularySize <= 0 || targetVocabularySize <= 0 || maxLength <= 0 {
            return "needs vocabularies ≥ 1 and maximum length ≥ 1"
        }
        if sharedEmbedding && sourceVocabularySize != targetVocabularySize {
            return "a shared embedding needs equal vocabularies, got \(sourceVocabularySize) and \(targetVocabularySize)"
        }
        if modelDimension % 2 != 0 { return "width \(modelDimension) is not even (sinusoidal positions)" }
        return StoredConfigurationChecks.blockProblem(width: modelDimension, heads: headCount, feedForward: feedForwardDimension,
                                                      layers: [encoderLayerCount, decoderLayerCount], dropout: dropout)
    }

    /// A lower bound of the weights (``StoredConfigurationChecks``).
    var storedWeights: Int {
        typealias C = StoredConfigurationChecks
        return C.sum(C.product(sourceVocabularySize, modelDimension), sharedEmbedding ? 0 : C.product(targetVocabularySize, modelDimension),
                     C.blockWeights(layers: encoderLayerCount, width: modelDimension, feedForward: feedForwardDimension, attentionMatrices: 4),
                     C.blockWeights(layers: decoderLayerCount, width: modelDimension, feedForward: feedForwardDimension, attentionMatrices: 8),
                     tiedHead ? 0 : C.product(modelDimension, targetVocabularySize))
    }

    /// The values of the sinusoidal table, `maxLength·E` (saturating).
    var positionTableCount: Int { StoredConfigurationChecks.product(maxLength, modelDimension) }
}

extension VisionTransformerConfiguration {
    /// A lower bound of the weights (``StoredConfigurationChecks``); ``problem`` must be `nil`.
    var storedWeights: Int {
        typealias C = StoredConfigurationChecks
        let side = imageSize / patchSize
        return C.sum(C.product(channels, patchSize, patchSize, modelDimension), C.product(C.sum(C.product(side, side), 1), modelDimension),
                     C.blockWeights(layers: layerCount, width: modelDimension, feedForward: feedForwardDimension, attentionMatrices: 4),
                     C.product(modelDimension, classCount))
    }
}

extension RecurrentLanguageModelConfiguration {
    /// A lower bound of the weights (``StoredConfigurationChecks``).
    var storedWeights: Int {
        typealias C = StoredConfigurationChecks
        return C.sum(C.product(vocabularySize, embeddingDimension), C.product(embeddingDimension, hiddenCount),
                     C.product(layerCount, hiddenCount, hiddenCount),
                     C.product(hiddenCount, vocabularySize))
    }
}
