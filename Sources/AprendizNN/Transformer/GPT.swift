import AprendizAutodiff
import AprendizTensor

/// A decoder-only Transformer language model, GPT-style (§25.6.2; Radford et al. 2018, 2019): token and
/// learned positional embeddings, N pre-norm causal blocks without cross-attention, a final layer
/// norm and a linear head over the vocabulary.
///
/// ```
/// h₀ = dropout(E[tokens] + P[positions])                 E: [V, D]   P: [T, D]
/// hₙ = Block(hₙ₋₁)  n = 1 … N                            pre-norm, causal self-attention, GELU FFN
/// logits = LN(h_N)·Eᵀ  (tied)   or  LN(h_N)·W + b (untied)
/// p(token t+1 | tokens ≤ t) = softmax(logits[t])
/// ```
/// Each block is a ``TransformerEncoderLayer`` with `normFirst: true`, GELU and a causal mask (GPT-2's
/// block). Embeddings start N(0, 0.02²) as in GPT-2. Generation (``generate(prompt:count:sampler:useCache:)``)
/// keeps a ``KeyValueCache`` per block so each new token costs one position's work.
public final class GPT: Module {
    /// The hyper-parameters.
    public let configuration: GPTConfiguration
    /// E, the token embedding `[V, D]`.
    public let tokenEmbedding: Embedding
    /// P, the positional embedding `[T, D]`.
    public let positionEmbedding: LearnedPositionalEmbedding
    /// Dropout on the summed embeddings.
    public let embeddingDropout: Dropout
    /// The N decoder blocks.
    public let blocks: [TransformerEncoderLayer]
    /// The final layer normalisation.
    public let finalNorm: LayerNorm
    /// The output head `[D, V]`, or `nil` when tied to ``tokenEmbedding``.
    public let head: Dense?

    /// A freshly initialised model.
    public init(_ configuration: GPTConfiguration, using generator: inout RandomGenerator) {
        let c = configuration
        require(c.vocabularySize > 0 && c.contextLength > 0 && c.layerCount > 0,
                "GPT: invalid configuration \(c)")
        self.configuration = c
        tokenEmbedding = Embedding(c.vocabularySize, c.modelDimension, using: &generator)
        tokenEmbedding.weight.value = tokenEmbedding.weight.value * 0.02
        positionEmbedding = LearnedPositionalEmbedding(maxLength: c.contextLength, dimension: c.modelDimension,
                                                       using: &generator)
        embeddingDropout = Dropout(probability: c.dropout, seed: generator.next())
        blocks = (0..<c.layerCount).map { _ in
            TransformerEncoderLayer(modelDimension: c.modelDimension, headCount: c.headCount,
                                    feedForwardDimension: c.feedForwardDimension, dropout: c.dropout,
                                    activation: .gelu, normFirst: true, using: &generator)
        }
        finalNorm = LayerNorm(features: c.modelDimension)
        head = c.tiedHead ? nil : Dense(c.modelDimension, c.vocabularySize, using: &generator)
        super.init()
    }

    /// The logits `[batch, L, V]` for token indices `[batch, L]` (L ≤ T), positions from 0.
    public override func callAsFunction(_ tokens: Variable) -> Variable { logits(tokens.value) }

    /// The logits `[batch, L, V]` of `tokens` `[batch, L]` whose first position is `offset`; with
    /// `caches` (one per block) the keys and values of earlier positions come from them and these
    /// positions' are appended (inference).
    public func logits(_ tokens: Tensor, offset: Int = 0, caches: [KeyValueCache]? = nil) -> Variable {
        require(tokens.rank == 2 && offset + tokens.shape[1] <= configuration.contextLength,
                "GPT: tokens \(tokens.shape) at offset \(offset) do not fit [batch, ≤ \(configuration.contextLength)]")
        require(caches == nil || caches!.count == blocks.count, "GPT: \(caches?.count ?? 0) caches for \(blocks.count) blocks")
        var h = embeddingDropout(positionEmbedding(tokenEmbedding(Variable(tokens)), offset: offset))
        for (index, block) in blocks.enumerated() {
            h = block(h, mask: nil, isCausal: true, cache: caches?[index])
        }
        h = finalNorm(h)
        let (batch, length, width) = (h.shape[0], h.shape[1], h.shape[2])
        let rows = h.reshaped([batch * length, width])
        let logits = head.map { $0(rows) } ?? rows.matmul(tokenEmbedding.weight, transposeOther: true)
        return logits.reshaped([batch, length, configuration.vocabularySize])
    }

    /// The mean next-token cross-entropy of `tokens` `[batch, L]` against `targets` `[batch, L]`
    /// (the tokens shifted by one).
    ///
    /// ```
    /// L = −(1/(B·L)) Σ_b Σ_t log softmax(logits[b, t])[targets[b, t]]
    /// ```
    public func loss(tokens: Tensor, targets: Tensor) -> Variable {
        require(tokens.shape == targets.shape, "GPT.loss: tokens \(tokens.shape) and targets \(targets.shape) differ")
        let logits = logits(tokens)
        return crossEntropy(logits: logits.reshaped([-1, configuration.vocabularySize]), labels: targets.reshaped([-1]))
    }

    /// Continues `prompt` by `count` tokens, each drawn by `sampler` from the next-token distribution.
    ///
    /// With `useCache` (default) the prompt is run once and every later step feeds one token against
    /// the blocks' ``KeyValueCache``s: O(n) work per token instead of O(n²). Past the context length
    /// both paths condition on the last T tokens (the cached one rebuilds its caches from them).
    /// Runs in inference mode without gradients; returns only the new tokens.
    public func generate(prompt: [Int], count: Int, sampler: inout TokenSampler, useCache: Bool = true) -> [Int] {
        require(!prompt.isEmpty && count >= 0, "GPT.generate: needs a non-empty prompt and count ≥ 0 (got \(count))")
        let wasTraining = isTraining
        eval()
        defer { train(wasTraining) }
        let context = configuration.contextLength
        var sequence = prompt, generated: [Int] = []
        let caches = blocks.map { _ in KeyValueCache() }
        var pending = Array(prompt.suffix(context))
        withoutGradient {
            for _ in 0..<count {
                let next: Tensor
                if useCache {
                    if caches[0].length + pending.count > context {
                        caches.forEach { $0.reset() }
                        pending = Array(sequence.suffix(context))
                    }
                    next = lastLogits(pending, offset: caches[0].length, caches: caches)
                } else {
                    next = lastLogits(Array(sequence.suffix(context)), offset: 0, caches: nil)
                }
                let token = sampler.sample(logits: next.scalars)
                sequence.append(token)
                generated.append(token)
                pending = [token]
            }
        }
        return generated
    }

    /// Every block's attention weights `[heads, L, L]` over `tokens` (inference mode, no gradients):
    /// row i is where position i looks.
    public func attentionMaps(_ tokens: [Int]) -> [Tensor] {
        recordedAttention(of: blocks) { _ = logits(Tensor(shape: [1, tokens.count], scalars: tokens.map(Float.init))) }
    }

    /// The logits `[V]` after the last of `tokens`.
    private func lastLogits(_ tokens: [Int], offset: Int, caches: [KeyValueCache]?) -> Tensor {
        let input = Tensor(shape: [1, tokens.count], scalars: tokens.map(Float.init))
        let all = logits(input, offset: offset, caches: caches).value
        return all.reshaped([tokens.count, configuration.vocabularySize]).slice(axis: 0, (tokens.count - 1)..<tokens.count)
    }
}
