import AprendizAutodiff
import AprendizTensor

/// The Vision Transformer, ViT (§25.7; Dosovitskiy et al. 2021): an image cut into P×P patches is a
/// sequence of tokens for a pre-norm Transformer encoder, classified from a learned class token.
///
/// ```
/// x_p = patches(x)               [n, L, C·P²]     L = (S/P)², each patch flattened (channel, row, column)
/// z₀ = [cls; x_p·W_e + b_e] + P  [n, L + 1, D]    W_e = the stride-P convolution's kernel, flattened
/// zₙ = Block(zₙ₋₁)  n = 1 … N                     pre-norm, GELU FFN (ε = 1e-6)
/// logits = LN(z_N[:, 0])·W_h + b_h                [n, K]
/// ```
/// The linear map of the flattened patches is exactly `nn.Conv2d(C, D, P, stride: P)`. The class token
/// and the positional embedding start N(0, 0.02²). Fashion-MNIST's 28×28 images with P = 7 give
/// 16 patches; the class token's attention over them (``attentionMaps(_:)``) shows where each head
/// looks. The parameters map onto the PyTorch model of `Tools/fixtures/generate_vit.py`
/// (``pytorchParameters``).
public final class VisionTransformer: Module {
    /// The hyper-parameters.
    public let configuration: VisionTransformerConfiguration
    /// W_e, b_e: the patch embedding `[C·P², D]`.
    public let patchEmbedding: Dense
    /// cls, the learned class token `[1, 1, D]`.
    public let classToken: Variable
    /// P, the positional embedding `[L + 1, D]`.
    public let positionEmbedding: LearnedPositionalEmbedding
    /// Dropout on the embedded tokens.
    public let embeddingDropout: Dropout
    /// The N encoder blocks.
    public let blocks: [TransformerEncoderLayer]
    /// The final layer normalisation.
    public let finalNorm: LayerNorm
    /// W_h, b_h: the classification head `[D, K]`.
    public let head: Dense

    /// A freshly initialised model.
    public init(_ configuration: VisionTransformerConfiguration, using generator: inout RandomGenerator) {
        let c = configuration
        require(c.problem == nil, "VisionTransformer: \(c.problem ?? "")")
        self.configuration = c
        patchEmbedding = Dense(c.channels * c.patchSize * c.patchSize, c.modelDimension, using: &generator)
        classToken = Variable(Tensor.randomNormal([1, 1, c.modelDimension], standardDeviation: 0.02, using: &generator),
                              requiresGradient: true)
        positionEmbedding = LearnedPositionalEmbedding(maxLength: c.patchCount + 1, dimension: c.modelDimension, using: &generator)
        embeddingDropout = Dropout(probability: c.dropout, seed: generator.next())
        blocks = (0..<c.layerCount).map { _ in
            TransformerEncoderLayer(modelDimension: c.modelDimension, headCount: c.headCount,
                                    feedForwardDimension: c.feedForwardDimension, dropout: c.dropout,
                                    activation: .gelu, epsilon: 1e-6, normFirst: true, using: &generator)
        }
        finalNorm = LayerNorm(features: c.modelDimension, epsilon: 1e-6)
        head = Dense(c.modelDimension, c.classCount, using: &generator)
        super.init()
    }

    /// The logits `[n, K]` of NHWC images `[n, S, S, C]`.
    public override func callAsFunction(_ images: Variable) -> Variable {
        let h = finalNorm(encode(images.value))
        return head(h.slice(axis: 1, 0..<1).reshaped([h.shape[0], configuration.modelDimension]))
    }

    /// The mean cross-entropy of the logits of `images` `[n, S, S, C]` against class indices `labels` `[n]`.
    public func loss(images: Tensor, labels: Tensor) -> Variable {
        require(labels.shape == [images.shape.first ?? -1],
                "VisionTransformer.loss: labels \(labels.shape) do not fit images \(images.shape)")
        return crossEntropy(logits: self(Variable(images)), labels: labels)
    }

    /// The tokens after the last block (before the final norm), `[n, L + 1, D]`, class token first.
    public func encode(_ images: Tensor) -> Variable {
        let c = configuration
        let (side, grid) = (c.imageSize, c.imageSize / c.patchSize)
        require(images.rank == 4 && Array(images.shape.dropFirst()) == [side, side, c.channels],
                "VisionTransformer: images \(images.shape) do not fit [n, \(side), \(side), \(c.channels)]")
        let n = images.shape[0], width = c.modelDimension
        let patches = images.reshaped([n, grid, c.patchSize, grid, c.patchSize, c.channels])
            .permuted([0, 1, 3, 5, 2, 4]).reshaped([n * c.patchCount, c.channels * c.patchSize * c.patchSize])
        let tokens = patchEmbedding(Variable(patches)).reshaped([n, c.patchCount, width])
        let first = classToken.broadcast(to: [n, 1, width])
        var h = embeddingDropout(positionEmbedding(Variable.concatenate([first, tokens], axis: 1)))
        for block in blocks { h = block(h, mask: nil) }
        return h
    }

    /// Every block's attention weights `[heads, L + 1, L + 1]` over one image `[S, S, C]` (inference
    /// mode, no gradients); row 0 is where the class token looks, columns 1 … L the patches in
    /// row-major order.
    public func attentionMaps(_ image: Tensor) -> [Tensor] {
        recordedAttention(of: blocks) { _ = encode(image.reshaped([1] + image.shape)) }
    }
}
