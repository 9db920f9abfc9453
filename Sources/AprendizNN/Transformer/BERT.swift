import AprendizAutodiff
import AprendizTensor

/// An encoder-only Transformer, BERT-style (§25.6.1; Devlin et al. 2019): every position attends to
/// every other (no causal mask), pre-trained by predicting masked tokens, with a classification head on
/// the first position (`[CLS]`).
///
/// ```
/// h₀ = dropout(LN_emb(E[tokens] + P[positions]))           E: [V, D] ~ N(0, 0.02²)   P: [T, D] ~ N(0, 0.02²)
/// hₙ = Block(hₙ₋₁)  n = 1 … N                              post-norm, GELU, padding keys masked out
/// masked LM:  z = LN_mlm(GELU(hₙ·W_t + b_t))·Eᵀ + b_v      logits over V at every position (decoder tied to E)
/// L_MLM = −(1/|M|) Σ_{(b,t) ∈ M} log softmax(z[b, t])[original[b, t]]      M: the masked positions
/// classification: logits = tanh(h_N[:, 0]·W_p + b_p)·W_c + b_c            (BERT's pooler, then a linear layer)
/// ```
/// The blocks are ``TransformerEncoderLayer`` (post-norm, GELU, as BERT); ``MaskedTokens`` draws the
/// masked inputs (15 % of the tokens: 80 % `[MASK]`, 10 % random, 10 % kept). The parameters map onto
/// the PyTorch assembly of `Tools/fixtures/generate_transformer.py` (``pytorchParameters``).
public final class BERT: Module {
    /// The hyper-parameters.
    public let configuration: BERTConfiguration
    /// E, the token embedding `[V, D]`.
    public let tokenEmbedding: Embedding
    /// P, the positional embedding `[T, D]`.
    public let positionEmbedding: LearnedPositionalEmbedding
    /// LN_emb, on the summed embeddings.
    public let embeddingNorm: LayerNorm
    /// Dropout on the normalised embeddings.
    public let embeddingDropout: Dropout
    /// The N encoder blocks.
    public let blocks: [TransformerEncoderLayer]
    /// W_t, b_t: the masked-LM transform `[D, D]`.
    public let maskedLanguageModelTransform: Dense
    /// LN_mlm.
    public let maskedLanguageModelNorm: LayerNorm
    /// b_v, the masked-LM output bias `[V]`.
    public let maskedLanguageModelBias: Variable
    /// W_p, b_p: the pooler on `[CLS]`, or `nil` without classes.
    public let pooler: Dense?
    /// W_c, b_c: the classifier `[D, C]`, or `nil` without classes.
    public let classifier: Dense?

    /// A freshly initialised model.
    public init(_ configuration: BERTConfiguration, using generator: inout RandomGenerator) {
        let c = configuration
        require(c.vocabularySize > 0 && c.contextLength > 0 && c.layerCount > 0 && c.classCount >= 0,
                "BERT: invalid configuration \(c)")
        self.configuration = c
        tokenEmbedding = Embedding(c.vocabularySize, c.modelDimension, using: &generator)
        tokenEmbedding.weight.value = tokenEmbedding.weight.value * 0.02
        positionEmbedding = LearnedPositionalEmbedding(maxLength: c.contextLength, dimension: c.modelDimension,
                                                       using: &generator)
        embeddingNorm = LayerNorm(features: c.modelDimension, epsilon: 1e-12)
        embeddingDropout = Dropout(probability: c.dropout, seed: generator.next())
        blocks = (0..<c.layerCount).map { _ in
            TransformerEncoderLayer(modelDimension: c.modelDimension, headCount: c.headCount,
                                    feedForwardDimension: c.feedForwardDimension, dropout: c.dropout,
                                    activation: .gelu, epsilon: 1e-12, normFirst: false, using: &generator)
        }
        maskedLanguageModelTransform = Dense(c.modelDimension, c.modelDimension, using: &generator)
        maskedLanguageModelNorm = LayerNorm(features: c.modelDimension, epsilon: 1e-12)
        maskedLanguageModelBias = Variable(Tensor.zeros([c.vocabularySize]), requiresGradient: true)
        pooler = c.classCount > 0 ? Dense(c.modelDimension, c.modelDimension, using: &generator) : nil
        classifier = c.classCount > 0 ? Dense(c.modelDimension, c.classCount, using: &generator) : nil
        super.init()
    }

    /// The final hidden states `[batch, L, D]`.
    public override func callAsFunction(_ tokens: Variable) -> Variable { encode(tokens.value) }

    /// The final hidden states h_N `[batch, L, D]` of `tokens` `[batch, L]`.
    /// - Parameters:
    ///   - tokens: the input tokens `[batch, L]`.
    ///   - paddingMask: `[batch, L]`, non-zero at padding (never attended to), or `nil`.
    public func encode(_ tokens: Tensor, paddingMask: Tensor? = nil) -> Variable {
        require(tokens.rank == 2 && tokens.shape[1] <= configuration.contextLength,
                "BERT: tokens \(tokens.shape) do not fit [batch, ≤ \(configuration.contextLength)]")
        var h = embeddingDropout(embeddingNorm(positionEmbedding(tokenEmbedding(Variable(tokens)))))
        for block in blocks { h = block(h, mask: nil, keyPaddingMask: paddingMask) }
        return h
    }

    /// The masked-LM logits `[batch, L, V]` at every position.
    public func maskedLanguageModelLogits(_ tokens: Tensor, paddingMask: Tensor? = nil) -> Variable {
        let h = encode(tokens, paddingMask: paddingMask)
        let (batch, length, width) = (h.shape[0], h.shape[1], h.shape[2])
        let t = maskedLanguageModelNorm(gelu(maskedLanguageModelTransform(h.reshaped([batch * length, width]))))
        let logits = t.matmul(tokenEmbedding.weight, transposeOther: true) + maskedLanguageModelBias
        return logits.reshaped([batch, length, configuration.vocabularySize])
    }

    /// L_MLM: the mean cross-entropy over the positions where `labels` `[batch, L]` holds the original
    /// token; every other position holds `ignoring` (``MaskedTokens/ignored``, PyTorch's `ignore_index`).
    public func maskedLanguageModelLoss(_ tokens: Tensor, labels: Tensor, paddingMask: Tensor? = nil,
                                       ignoring ignored: Int = MaskedTokens.ignored) -> Variable {
        require(tokens.shape == labels.shape, "BERT: tokens \(tokens.shape) and labels \(labels.shape) differ")
        let logits = maskedLanguageModelLogits(tokens, paddingMask: paddingMask).reshaped([-1, configuration.vocabularySize])
        let kept = labels.scalars.map { $0 == Float(ignored) ? Float(0) : 1 }
        let count = kept.reduce(0, +)
        require(count > 0, "BERT.maskedLanguageModelLoss: no position is masked")
        let safe = Tensor(shape: [labels.count], scalars: zip(labels.scalars, kept).map { $1 == 0 ? 0 : $0 })
        let terms = crossEntropy(logits: logits, labels: safe, reduction: .none) * Tensor(shape: [labels.count], scalars: kept)
        return terms.sum() / count
    }

    /// The classification logits `[batch, C]` from the `[CLS]` position (the first).
    public func classificationLogits(_ tokens: Tensor, paddingMask: Tensor? = nil) -> Variable {
        guard let pooler, let classifier else { preconditionFailure("BERT: built without classes (classCount 0)") }
        let h = encode(tokens, paddingMask: paddingMask)
        let first = h.slice(axis: 1, 0..<1).reshaped([h.shape[0], configuration.modelDimension])
        return classifier(pooler(first).tanh())
    }
}
