import AprendizAutodiff
import AprendizTensor

/// Multi-head attention (§25.3; Vaswani et al. 2017, §3.2.2): h attention heads, each on its own
/// d = E/h-dimensional projection of the queries, keys and values, concatenated and projected back.
///
/// ```
/// [Q | K | V] = x·W_inᵀ + b_in                 W_in: [3E, E]  (packed; rows 0..<E give Q, E..<2E K, 2E..<3E V)
/// headᵢ = Attention(Qᵢ, Kᵢ, Vᵢ)                Qᵢ = columns i·d..<(i+1)·d of Q, split into h heads
/// MHA(x) = concat(head₁, …, head_h)·W_O + b_O  (``outProjection``)
/// ```
/// The layout is PyTorch's `nn.MultiheadAttention(batch_first=True)`: `inProjectionWeight` is its
/// `in_proj_weight` `[3E, E]` and `inProjectionBias` its `in_proj_bias`; `outProjection` is a ``Dense``
/// (`[E, E]`, the transpose of `out_proj.weight`; see ``PyTorchParameterLayout``). When the query,
/// key and value are the same variable (self-attention) the three projections are one product with
/// the packed weight; otherwise (cross-attention) each uses its block of rows.
/// Initialisation as PyTorch: W_in Glorot-uniform, b_in = 0, W_O uniform ±1/√E, b_O = 0.
/// Inputs are batch-first: `[batch, length, E]`.
public final class MultiHeadAttention: Module {
    /// W_in, `[3E, E]` (PyTorch's `in_proj_weight`).
    public let inProjectionWeight: Variable
    /// b_in, `[3E]`, or `nil` without biases.
    public let inProjectionBias: Variable?
    /// The output projection W_O, b_O.
    public let outProjection: Dense
    /// Dropout on the attention weights.
    public let attentionDropout: Dropout

    /// E, the model width.
    public let embeddingDimension: Int
    /// h, the number of heads.
    public let headCount: Int
    /// d = E/h, each head's width.
    public var headDimension: Int { embeddingDimension / headCount }

    /// When `true`, each call keeps its attention weights in ``recordedWeights`` (for pictures of
    /// what the heads look at; default `false`).
    public var recordsWeights = false
    /// The weights `[batch, heads, Lq, Lk]` of the last call while ``recordsWeights`` was on.
    public private(set) var recordedWeights: Tensor?

    /// - Parameters:
    ///   - embeddingDimension: E, divisible by `headCount`.
    ///   - headCount: h.
    ///   - dropout: the probability of dropping an attention weight in training (default 0).
    ///   - useBias: whether the projections have biases (default `true`).
    ///   - generator: the random numbers of the initial weights.
    public init(embeddingDimension: Int, headCount: Int, dropout: Float = 0, useBias: Bool = true,
                using generator: inout RandomGenerator) {
        require(embeddingDimension > 0 && headCount > 0 && embeddingDimension % headCount == 0,
                "MultiHeadAttention: embedding dimension \(embeddingDimension) is not a positive multiple of \(headCount) heads")
        self.embeddingDimension = embeddingDimension
        self.headCount = headCount
        let e = embeddingDimension
        inProjectionWeight = Variable(Initializer.glorotUniform.make([3 * e, e], using: &generator), requiresGradient: true)
        inProjectionBias = useBias ? Variable(Tensor.zeros([3 * e]), requiresGradient: true) : nil
        let limit = 1 / Float(e).squareRoot()
        outProjection = Dense(e, e, useBias: useBias,
                              weightInitializer: .constant(0), biasInitializer: .zeros, using: &generator)
        outProjection.weight.value = Tensor.randomUniform([e, e], in: -limit...limit, using: &generator)
        attentionDropout = Dropout(probability: dropout, seed: generator.next())
        super.init()
    }

    /// Same, drawing from the default generator.
    public convenience init(embeddingDimension: Int, headCount: Int, dropout: Float = 0, useBias: Bool = true) {
        var generator = RandomGenerator.withGlobal { RandomGenerator(seed: $0.next()) }
        self.init(embeddingDimension: embeddingDimension, headCount: headCount, dropout: dropout, useBias: useBias,
                  using: &generator)
    }

    /// Self-attention without masks.
    public override func callAsFunction(_ input: Variable) -> Variable {
        self(query: input, key: input, value: input).output
    }

    /// Attention of `query` over `key`/`value`.
    /// - Parameters:
    ///   - query: `[batch, Lq, E]`.
    ///   - key: `[batch, Lk, E]`.
    ///   - value: `[batch, Lk, E]`.
    ///   - mask: an additive mask broadcastable to `[batch, heads, Lq, Lk]` (``AttentionMask``), or `nil`.
    ///   - keyPaddingMask: `[batch, Lk]`, non-zero at padding keys (PyTorch's `key_padding_mask`), or `nil`.
    ///   - isCausal: block keys after each query (default `false`).
    ///   - cache: for incremental self-attention: the new keys and values are appended to it and the
    ///     queries attend to everything cached (inference only).
    ///   - memoryCache: for cross-attention over a memory that does not change while decoding
    ///     (inference only): when empty, `key`/`value` are projected and stored in it; when filled, its
    ///     keys and values are used and the key/value projections are skipped.
    /// - Returns: the output `[batch, Lq, E]` and each head's weights `[batch, heads, Lq, Lk]`
    ///   (PyTorch returns their mean over heads with `average_attn_weights=True`).
    public func callAsFunction(query: Variable, key: Variable, value: Variable, mask: Tensor? = nil,
                               keyPaddingMask: Tensor? = nil, isCausal: Bool = false,
                               cache: KeyValueCache? = nil,
                               memoryCache: KeyValueCache? = nil) -> (output: Variable, weights: Variable) {
        let e = embeddingDimension
        require(query.shape.count == 3 && key.shape.count == 3 && value.shape.count == 3
                    && query.shape[2] == e && key.shape[2] == e && value.shape[2] == e
                    && key.shape[0] == query.shape[0] && value.shape[0] == query.shape[0] && key.shape[1] == value.shape[1],
                "MultiHeadAttention: query \(query.shape), key \(key.shape), value \(value.shape) need [batch, L, \(e)]")
        let (batch, queries) = (query.shape[0], query.shape[1])
        var q: Variable, k: Variable, v: Variable
        let reusesMemory = memoryCache.map { $0.length > 0 } ?? false
        if reusesMemory, let keys = memoryCache?.keys, let values = memoryCache?.values {
            require(keys.shape[0] == batch, "MultiHeadAttention: memory cache of batch \(keys.shape[0]) for queries \(query.shape)")
            (q, k, v) = (project(query, rows: 0..<e), Variable(keys), Variable(values))
        } else if query === key && key === value {
            let parts = project(query, rows: 0..<(3 * e)).split(sizes: [e, e, e], axis: 1)
            (q, k, v) = (parts[0], parts[1], parts[2])
        } else {
            (q, k, v) = (project(query, rows: 0..<e), project(key, rows: e..<(2 * e)), project(value, rows: (2 * e)..<(3 * e)))
        }
        q = splitHeads(q, batch: batch)
        if !reusesMemory {
            k = splitHeads(k, batch: batch)
            v = splitHeads(v, batch: batch)
            if let memoryCache { _ = memoryCache.appending(keys: k.value, values: v.value) }
        }
        if let cache {
            let all = cache.appending(keys: k.value, values: v.value)
            (k, v) = (Variable(all.keys), Variable(all.values))
        }
        var combined = mask
        if let keyPaddingMask {
            require(keyPaddingMask.shape == [batch, k.shape[2]],
                    "MultiHeadAttention: key padding mask \(keyPaddingMask.shape) is not [batch, keys] = [\(batch), \(k.shape[2])]")
            let padding = AttentionMask.keyPadding(keyPaddingMask)
            combined = combined.map { $0 + padding } ?? padding
        }
        let (heads, weights) = scaledDotProductAttention(query: q, key: k, value: v, mask: combined,
                                                         isCausal: isCausal, dropout: attentionDropout)
        if recordsWeights { recordedWeights = weights.value }
        let merged = heads.permuted([0, 2, 1, 3]).reshaped([batch, queries, e])
        return (outProjection(merged), weights)
    }

    /// x·W_in[rows]ᵀ + b_in[rows] as `[batch·L, rows.count]`.
    private func project(_ x: Variable, rows: Range<Int>) -> Variable {
        let whole = rows.count == inProjectionWeight.shape[0]
        let weight = whole ? inProjectionWeight : inProjectionWeight.slice(axis: 0, rows)
        let product = x.reshaped([-1, embeddingDimension]).matmul(weight, transposeOther: true)
        guard let inProjectionBias else { return product }
        return product + (whole ? inProjectionBias : inProjectionBias.slice(axis: 0, rows))
    }

    /// `[batch·L, E]` → `[batch, heads, L, d]`.
    private func splitHeads(_ x: Variable, batch: Int) -> Variable {
        x.reshaped([batch, -1, headCount, headDimension]).permuted([0, 2, 1, 3])
    }
}
