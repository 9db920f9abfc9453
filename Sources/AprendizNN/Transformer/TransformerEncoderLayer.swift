import AprendizAutodiff
import AprendizTensor

/// A Transformer encoder block (§25.4; Vaswani et al. 2017, §3.1): self-attention then a
/// feed-forward network, each wrapped in a residual connection and layer normalisation.
///
/// ```
/// post-norm (normFirst = false, the original):   x = LN₁(x + SA(x));      x = LN₂(x + FFN(x))
/// pre-norm  (normFirst = true, GPT-2 and later): x = x + SA(LN₁(x));      x = x + FFN(LN₂(x))
/// SA = dropout₁(MultiHeadAttention(x, x, x)),   FFN = dropout₂(linear₂(dropout(f(linear₁(x)))))
/// ```
/// Same parameters and defaults as PyTorch's `nn.TransformerEncoderLayer(batch_first=True)`:
/// feed-forward width 2048, dropout 0.1, ReLU, ε = 1e-5, post-norm. Pre-norm trains more stably
/// without learning-rate warm-up (Xiong et al. 2020). The linear layers start Glorot-uniform (``Dense``). With a causal mask and pre-norm this is also a
/// GPT block (a decoder without cross-attention; ``GPT``).
public final class TransformerEncoderLayer: Module {
    /// The self-attention.
    public let selfAttention: MultiHeadAttention
    /// linear₁: E → F.
    public let linear1: Dense
    /// linear₂: F → E.
    public let linear2: Dense
    /// LN₁ (before or after the attention).
    public let norm1: LayerNorm
    /// LN₂ (before or after the feed-forward network).
    public let norm2: LayerNorm
    /// Dropout inside the feed-forward network.
    public let dropout: Dropout
    /// Dropout on the attention's output.
    public let dropout1: Dropout
    /// Dropout on the feed-forward network's output.
    public let dropout2: Dropout
    /// f, the feed-forward activation.
    public let activation: TransformerActivation
    /// Whether the layer normalisations come first (pre-norm).
    public let normFirst: Bool

    /// - Parameters:
    ///   - modelDimension: E.
    ///   - headCount: h.
    ///   - feedForwardDimension: F (default 2048).
    ///   - dropout: p for every dropout (default 0.1).
    ///   - activation: f (default ReLU).
    ///   - epsilon: the layer norms' ε (default 1e-5).
    ///   - normFirst: pre-norm (default `false`).
    ///   - generator: the random numbers of the initial weights and the dropout seeds.
    public init(modelDimension: Int, headCount: Int, feedForwardDimension: Int = 2048, dropout: Float = 0.1,
                activation: TransformerActivation = .relu, epsilon: Float = 1e-5, normFirst: Bool = false,
                using generator: inout RandomGenerator) {
        selfAttention = MultiHeadAttention(embeddingDimension: modelDimension, headCount: headCount, dropout: dropout,
                                           using: &generator)
        linear1 = Dense(modelDimension, feedForwardDimension, using: &generator)
        linear2 = Dense(feedForwardDimension, modelDimension, using: &generator)
        norm1 = LayerNorm(features: modelDimension, epsilon: epsilon)
        norm2 = LayerNorm(features: modelDimension, epsilon: epsilon)
        self.dropout = Dropout(probability: dropout, seed: generator.next())
        dropout1 = Dropout(probability: dropout, seed: generator.next())
        dropout2 = Dropout(probability: dropout, seed: generator.next())
        self.activation = activation
        self.normFirst = normFirst
        super.init()
    }

    /// Without masks.
    public override func callAsFunction(_ input: Variable) -> Variable { self(input, mask: nil) }

    /// The block on `input` `[batch, L, E]`.
    /// - Parameters:
    ///   - input: `[batch, L, E]`.
    ///   - mask: an additive attention mask (PyTorch's `src_mask`), or `nil`.
    ///   - keyPaddingMask: `[batch, L]`, non-zero at padding (`src_key_padding_mask`), or `nil`.
    ///   - isCausal: block attention to later positions.
    ///   - cache: a ``KeyValueCache`` for incremental decoding (inference), or `nil`.
    public func callAsFunction(_ input: Variable, mask: Tensor?, keyPaddingMask: Tensor? = nil, isCausal: Bool = false,
                               cache: KeyValueCache? = nil) -> Variable {
        func attend(_ x: Variable) -> Variable {
            dropout1(selfAttention(query: x, key: x, value: x, mask: mask, keyPaddingMask: keyPaddingMask,
                                   isCausal: isCausal, cache: cache).output)
        }
        func transform(_ x: Variable) -> Variable {
            dropout2(feedForward(x, linear1, linear2, activation: activation, dropout: dropout))
        }
        if normFirst {
            let x = input + attend(norm1(input))
            return x + transform(norm2(x))
        }
        let x = norm1(input + attend(input))
        return norm2(x + transform(x))
    }
}
