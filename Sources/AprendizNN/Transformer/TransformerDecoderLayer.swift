import AprendizAutodiff
import AprendizTensor

/// A Transformer decoder block (§25.4; Vaswani et al. 2017, §3.1): masked self-attention,
/// cross-attention over the encoder's output (the memory), then a feed-forward network, each with a
/// residual connection and layer normalisation.
///
/// ```
/// post-norm: x = LN₁(x + SA(x)); x = LN₂(x + CA(x, m)); x = LN₃(x + FFN(x))
/// pre-norm:  x = x + SA(LN₁(x)); x = x + CA(LN₂(x), m); x = x + FFN(LN₃(x))
/// CA(x, m) = dropout₂(MultiHeadAttention(query: x, key: m, value: m))
/// ```
/// Same parameters and defaults as PyTorch's `nn.TransformerDecoderLayer(batch_first=True)`
/// (F = 2048, dropout 0.1, ReLU, ε = 1e-5, post-norm); the linear layers start Glorot-uniform (``Dense``).
public final class TransformerDecoderLayer: Module {
    /// The (usually causal) self-attention.
    public let selfAttention: MultiHeadAttention
    /// The cross-attention over the memory (PyTorch's `multihead_attn`).
    public let crossAttention: MultiHeadAttention
    /// linear₁: E → F.
    public let linear1: Dense
    /// linear₂: F → E.
    public let linear2: Dense
    /// LN₁, LN₂, LN₃.
    public let norm1: LayerNorm, norm2: LayerNorm, norm3: LayerNorm
    /// Dropout inside the feed-forward network.
    public let dropout: Dropout
    /// Dropouts on the self-attention, cross-attention and feed-forward outputs.
    public let dropout1: Dropout, dropout2: Dropout, dropout3: Dropout
    /// f, the feed-forward activation.
    public let activation: TransformerActivation
    /// Whether the layer normalisations come first (pre-norm).
    public let normFirst: Bool

    /// Parameters as ``TransformerEncoderLayer/init(modelDimension:headCount:feedForwardDimension:dropout:activation:epsilon:normFirst:using:)``.
    public init(modelDimension: Int, headCount: Int, feedForwardDimension: Int = 2048, dropout: Float = 0.1,
                activation: TransformerActivation = .relu, epsilon: Float = 1e-5, normFirst: Bool = false,
                using generator: inout RandomGenerator) {
        selfAttention = MultiHeadAttention(embeddingDimension: modelDimension, headCount: headCount, dropout: dropout,
                                           using: &generator)
        crossAttention = MultiHeadAttention(embeddingDimension: modelDimension, headCount: headCount, dropout: dropout,
                                            using: &generator)
        linear1 = Dense(modelDimension, feedForwardDimension, using: &generator)
        linear2 = Dense(feedForwardDimension, modelDimension, using: &generator)
        norm1 = LayerNorm(features: modelDimension, epsilon: epsilon)
        norm2 = LayerNorm(features: modelDimension, epsilon: epsilon)
        norm3 = LayerNorm(features: modelDimension, epsilon: epsilon)
        self.dropout = Dropout(probability: dropout, seed: generator.next())
        dropout1 = Dropout(probability: dropout, seed: generator.next())
        dropout2 = Dropout(probability: dropout, seed: generator.next())
        dropout3 = Dropout(probability: dropout, seed: generator.next())
        self.activation = activation
        self.normFirst = normFirst
        super.init()
    }

    /// The block on `target` `[batch, Lt, E]` attending to `memory` `[batch, Lm, E]`.
    /// - Parameters:
    ///   - target: the decoder's input, `[batch, Lt, E]`.
    ///   - memory: the encoder's output, `[batch, Lm, E]`.
    ///   - targetMask: additive mask on the self-attention (`tgt_mask`), or `nil`.
    ///   - memoryMask: additive mask on the cross-attention (`memory_mask`), or `nil`.
    ///   - targetKeyPaddingMask: `[batch, Lt]`, non-zero at target padding, or `nil`.
    ///   - memoryKeyPaddingMask: `[batch, Lm]`, non-zero at memory padding, or `nil`.
    ///   - isCausal: make the self-attention causal (default `false`).
    ///   - cache: the self-attention's ``KeyValueCache`` for incremental decoding (inference), or `nil`.
    ///   - memoryCache: the cross-attention's keys and values of `memory`, projected on the first step
    ///     and reused after (inference), or `nil`.
    public func callAsFunction(_ target: Variable, memory: Variable, targetMask: Tensor? = nil, memoryMask: Tensor? = nil,
                               targetKeyPaddingMask: Tensor? = nil, memoryKeyPaddingMask: Tensor? = nil,
                               isCausal: Bool = false, cache: KeyValueCache? = nil,
                               memoryCache: KeyValueCache? = nil) -> Variable {
        func attendSelf(_ x: Variable) -> Variable {
            dropout1(selfAttention(query: x, key: x, value: x, mask: targetMask, keyPaddingMask: targetKeyPaddingMask,
                                   isCausal: isCausal, cache: cache).output)
        }
        func attendMemory(_ x: Variable) -> Variable {
            dropout2(crossAttention(query: x, key: memory, value: memory, mask: memoryMask,
                                    keyPaddingMask: memoryKeyPaddingMask, memoryCache: memoryCache).output)
        }
        func transform(_ x: Variable) -> Variable {
            dropout3(feedForward(x, linear1, linear2, activation: activation, dropout: dropout))
        }
        if normFirst {
            var x = target + attendSelf(norm1(target))
            x = x + attendMemory(norm2(x))
            return x + transform(norm3(x))
        }
        var x = norm1(target + attendSelf(target))
        x = norm2(x + attendMemory(x))
        return norm3(x + transform(x))
    }
}
