import AprendizAutodiff
import AprendizTensor

/// An encoder–decoder Transformer, the original architecture and T5's family (§25.6.3; Vaswani et al.
/// 2017; Raffel et al. 2020): an encoder reads the whole source, a decoder writes the target one token
/// at a time, attending causally to what it wrote and, through cross-attention, to the encoder's output.
///
/// ```
/// m₀ = dropout(E_s[source] + PE)                  E_s: [V_s, D]   PE: sinusoidal (§25.5)
/// mₙ = EncoderBlock(mₙ₋₁)  n = 1 … N_e;  m = LN_e(m_{N_e})          source padding masked out of the keys
/// g₀ = dropout(E_t[target_in] + PE)              E_t = E_s when the embedding is shared
/// gₙ = DecoderBlock(gₙ₋₁, m)  n = 1 … N_d         causal self-attention, cross-attention over m
/// logits = LN_d(g_{N_d})·W + b   (or ·E_tᵀ when tied)
/// training (teacher forcing): target_in = [BOS, y₁ … y_{n−1}], target_out = [y₁ … y_n]
/// L = −(1/#non-pad) Σ_{t: target_out[t] ≠ pad} log softmax(logits[t])[target_out[t]]
/// ```
/// The blocks are ``TransformerEncoderLayer`` and ``TransformerDecoderLayer`` and the final norms are
/// those of PyTorch's `nn.Transformer` (`encoder.norm`, `decoder.norm`), so the model is `nn.Transformer`
/// between two embeddings and a linear head (``pytorchParameters``). Embeddings start N(0, 1) as
/// `nn.Embedding` and are not scaled by √D. ``greedyDecode(sources:sourcePaddingMask:start:end:maxLength:useCache:)``
/// keeps a ``KeyValueCache`` per decoder self-attention and projects the memory's cross-attention keys
/// and values once.
public final class EncoderDecoderTransformer: Module {
    /// The hyper-parameters.
    public let configuration: EncoderDecoderConfiguration
    /// E_s, the source embedding `[V_s, D]`.
    public let sourceEmbedding: Embedding
    /// E_t, the target embedding `[V_t, D]`, or `nil` when shared with ``sourceEmbedding``.
    public let separateTargetEmbedding: Embedding?
    /// The fixed sinusoidal positions, for source and target.
    public let positions: SinusoidalPositionalEncoding
    /// Dropout on the summed embeddings.
    public let embeddingDropout: Dropout
    /// The encoder blocks.
    public let encoderLayers: [TransformerEncoderLayer]
    /// LN_e, after the last encoder block.
    public let encoderNorm: LayerNorm
    /// The decoder blocks.
    public let decoderLayers: [TransformerDecoderLayer]
    /// LN_d, after the last decoder block.
    public let decoderNorm: LayerNorm
    /// The output head `[D, V_t]`, or `nil` when tied to the target embedding.
    public let head: Dense?

    /// A freshly initialised model.
    public init(_ configuration: EncoderDecoderConfiguration, using generator: inout RandomGenerator) {
        let c = configuration
        require(c.sourceVocabularySize > 0 && c.targetVocabularySize > 0 && c.maxLength > 0
                    && c.encoderLayerCount > 0 && c.decoderLayerCount > 0,
                "EncoderDecoderTransformer: invalid configuration \(c)")
        require(!c.sharedEmbedding || c.sourceVocabularySize == c.targetVocabularySize,
                "EncoderDecoderTransformer: a shared embedding needs equal vocabularies, got \(c.sourceVocabularySize) and \(c.targetVocabularySize)")
        self.configuration = c
        sourceEmbedding = Embedding(c.sourceVocabularySize, c.modelDimension, using: &generator)
        separateTargetEmbedding = c.sharedEmbedding ? nil : Embedding(c.targetVocabularySize, c.modelDimension, using: &generator)
        positions = SinusoidalPositionalEncoding(dimension: c.modelDimension, maxLength: c.maxLength)
        embeddingDropout = Dropout(probability: c.dropout, seed: generator.next())
        encoderLayers = (0..<c.encoderLayerCount).map { _ in
            TransformerEncoderLayer(modelDimension: c.modelDimension, headCount: c.headCount,
                                    feedForwardDimension: c.feedForwardDimension, dropout: c.dropout,
                                    activation: c.activation, normFirst: c.normFirst, using: &generator)
        }
        encoderNorm = LayerNorm(features: c.modelDimension)
        decoderLayers = (0..<c.decoderLayerCount).map { _ in
            TransformerDecoderLayer(modelDimension: c.modelDimension, headCount: c.headCount,
                                    feedForwardDimension: c.feedForwardDimension, dropout: c.dropout,
                                    activation: c.activation, normFirst: c.normFirst, using: &generator)
        }
        decoderNorm = LayerNorm(features: c.modelDimension)
        head = c.tiedHead ? nil : Dense(c.modelDimension, c.targetVocabularySize, using: &generator)
        super.init()
    }

    /// E_t, the target embedding (the source's when shared).
    public var targetEmbedding: Embedding { separateTargetEmbedding ?? sourceEmbedding }

    /// The encoder's output m `[batch, Ls, D]` for `source` `[batch, Ls]`.
    /// - Parameters:
    ///   - source: the source tokens `[batch, Ls]`.
    ///   - sourcePaddingMask: `[batch, Ls]`, non-zero at padding, or `nil`.
    public func encode(_ source: Tensor, sourcePaddingMask: Tensor? = nil) -> Variable {
        checkTokens(source, "source")
        var h = embeddingDropout(positions(sourceEmbedding(Variable(source))))
        for layer in encoderLayers { h = layer(h, mask: nil, keyPaddingMask: sourcePaddingMask) }
        return encoderNorm(h)
    }

    /// The logits `[batch, Lt, V_t]` of the decoder on `target` `[batch, Lt]` (first position `offset`)
    /// attending to `memory`.
    /// - Parameters:
    ///   - target: the target tokens `[batch, Lt]`.
    ///   - memory: the encoder's output `[batch, Ls, D]`.
    ///   - memoryPaddingMask: the source padding mask, or `nil`.
    ///   - offset: the position of `target`'s first token (the tokens already in `caches`).
    ///   - caches: one ``KeyValueCache`` per decoder block for the self-attention (inference), or `nil`.
    ///   - memoryCaches: one per decoder block for the cross-attention's keys and values (inference), or `nil`.
    public func decode(_ target: Tensor, memory: Variable, memoryPaddingMask: Tensor? = nil, offset: Int = 0,
                       caches: [KeyValueCache]? = nil, memoryCaches: [KeyValueCache]? = nil) -> Variable {
        checkTokens(target, "target", offset: offset)
        require(memory.shape.count == 3 && memory.shape[0] == target.shape[0],
                "EncoderDecoderTransformer: memory \(memory.shape) does not match target \(target.shape)")
        require((caches?.count ?? decoderLayers.count) == decoderLayers.count
                    && (memoryCaches?.count ?? decoderLayers.count) == decoderLayers.count,
                "EncoderDecoderTransformer: \(caches?.count ?? 0) and \(memoryCaches?.count ?? 0) caches for \(decoderLayers.count) decoder blocks")
        var g = embeddingDropout(positions(targetEmbedding(Variable(target)), offset: offset))
        for (index, layer) in decoderLayers.enumerated() {
            g = layer(g, memory: memory, memoryKeyPaddingMask: memoryPaddingMask, isCausal: true,
                      cache: caches?[index], memoryCache: memoryCaches?[index])
        }
        g = decoderNorm(g)
        let (batch, length, width) = (g.shape[0], g.shape[1], g.shape[2])
        let rows = g.reshaped([batch * length, width])
        let logits = head.map { $0(rows) } ?? rows.matmul(targetEmbedding.weight, transposeOther: true)
        return logits.reshaped([batch, length, configuration.targetVocabularySize])
    }

    /// The logits `[batch, Lt, V_t]` of `targetInput` given `source` (teacher forcing).
    public func logits(source: Tensor, sourcePaddingMask: Tensor? = nil, targetInput: Tensor) -> Variable {
        decode(targetInput, memory: encode(source, sourcePaddingMask: sourcePaddingMask), memoryPaddingMask: sourcePaddingMask)
    }

    /// The teacher-forced cross-entropy: the mean over the positions whose `targetOutput` is not
    /// `ignoring` (PyTorch's `ignore_index`), of −log p(targetOutput[t] | source, targetInput[≤ t]).
    public func loss(source: Tensor, sourcePaddingMask: Tensor? = nil, targetInput: Tensor, targetOutput: Tensor,
                     ignoring ignoredToken: Int? = nil) -> Variable {
        require(targetInput.shape == targetOutput.shape,
                "EncoderDecoderTransformer.loss: target input \(targetInput.shape) and output \(targetOutput.shape) differ")
        let logits = logits(source: source, sourcePaddingMask: sourcePaddingMask, targetInput: targetInput)
            .reshaped([-1, configuration.targetVocabularySize])
        let labels = targetOutput.reshaped([-1])
        guard let ignoredToken else { return crossEntropy(logits: logits, labels: labels) }
        let kept = labels.scalars.map { $0 == Float(ignoredToken) ? Float(0) : 1 }
        let count = kept.reduce(0, +)
        require(count > 0, "EncoderDecoderTransformer.loss: every target is the ignored token \(ignoredToken)")
        let safe = Tensor(shape: labels.shape, scalars: zip(labels.scalars, kept).map { $1 == 0 ? 0 : $0 })
        let terms = crossEntropy(logits: logits, labels: safe, reduction: .none) * Tensor(shape: labels.shape, scalars: kept)
        return terms.sum() / count
    }

    /// Greedy decoding of a batch: each step appends the most likely next token, starting from `start`,
    /// until every row has produced `end` or `maxLength` tokens. Returns each row's tokens before its
    /// first `end` (without `start`). With `useCache` (default) each step runs one position against the
    /// decoder blocks' ``KeyValueCache``s and the memory's keys and values are projected once; without
    /// it, every step reruns the decoder on the whole prefix (same tokens, O(n²)). Inference mode, no gradients.
    /// - Parameters:
    ///   - sources: `[batch, Ls]`.
    ///   - sourcePaddingMask: `[batch, Ls]`, non-zero at padding, or `nil`.
    ///   - start: the token that starts every target.
    ///   - end: the token that ends a row's answer.
    ///   - maxLength: the most tokens generated per row.
    ///   - useCache: decode one position per step against the key/value caches (default) or rerun the prefix.
    public func greedyDecode(sources: Tensor, sourcePaddingMask: Tensor? = nil, start: Int, end: Int, maxLength: Int,
                             useCache: Bool = true) -> [[Int]] {
        require(maxLength >= 1 && maxLength < configuration.maxLength,
                "EncoderDecoderTransformer.greedyDecode: maxLength \(maxLength) must be in 1..<\(configuration.maxLength)")
        let wasTraining = isTraining
        eval()
        defer { train(wasTraining) }
        let batch = sources.shape[0]
        var outputs = [[Int]](repeating: [], count: batch)
        var finished = [Bool](repeating: false, count: batch)
        withoutGradient {
            let memory = encode(sources, sourcePaddingMask: sourcePaddingMask)
            let caches = useCache ? decoderLayers.map { _ in KeyValueCache() } : nil
            let memoryCaches = useCache ? decoderLayers.map { _ in KeyValueCache() } : nil
            var prefix = [[Int]](repeating: [start], count: batch)
            for step in 0..<maxLength {
                let fed = useCache ? prefix.map { [$0.last!] } : prefix
                let input = Tensor(shape: [batch, fed[0].count], scalars: fed.flatMap { $0.map(Float.init) })
                let all = decode(input, memory: memory, memoryPaddingMask: sourcePaddingMask, offset: useCache ? step : 0,
                                 caches: caches, memoryCaches: memoryCaches).value
                let width = configuration.targetVocabularySize, last = fed[0].count - 1
                let scalars = all.scalars
                for row in 0..<batch {
                    let base = (row * fed[0].count + last) * width
                    let logits = scalars[base..<(base + width)]
                    let token = logits.indices.max { logits[$0] < logits[$1] }! - base
                    prefix[row].append(token)
                    if token == end { finished[row] = true }
                    if !finished[row] { outputs[row].append(token) }
                }
                if !finished.contains(false) { break }
            }
        }
        return outputs
    }

    private func checkTokens(_ tokens: Tensor, _ name: String, offset: Int = 0) {
        require(tokens.rank == 2 && offset + tokens.shape[1] <= configuration.maxLength,
                "EncoderDecoderTransformer: \(name) tokens \(tokens.shape) at offset \(offset) do not fit [batch, ≤ \(configuration.maxLength)]")
    }
}
