/// The hyper-parameters of an ``EncoderDecoderTransformer`` (§25.6.3), saved with the model so it can
/// be rebuilt.
///
/// Defaults are a laptop-sized sequence-to-sequence model: width 64, 4 heads, 2 encoder and 2 decoder
/// blocks, feed-forward width 4E, dropout 0.1, pre-norm, ReLU, separate source and target embeddings,
/// head with its own weights.
public struct EncoderDecoderConfiguration: Codable, Sendable, Equatable {
    /// The number of source tokens.
    public var sourceVocabularySize: Int
    /// The number of target tokens (equal to the source's when ``sharedEmbedding``).
    public var targetVocabularySize: Int
    /// The longest source or target sequence (rows of the sinusoidal table).
    public var maxLength: Int
    /// E, the model width.
    public var modelDimension: Int
    /// h, the number of attention heads per block.
    public var headCount: Int
    /// The number of encoder blocks.
    public var encoderLayerCount: Int
    /// The number of decoder blocks.
    public var decoderLayerCount: Int
    /// F, the feed-forward width.
    public var feedForwardDimension: Int
    /// The dropout probability (embeddings, attention weights, residual branches).
    public var dropout: Float
    /// f, the feed-forward activation.
    public var activation: TransformerActivation
    /// Pre-norm (`true`) or the original post-norm blocks.
    public var normFirst: Bool
    /// One embedding table for source and target (T5); needs equal vocabularies.
    public var sharedEmbedding: Bool
    /// Whether the output head reuses the target embedding (logits = h·Eᵀ).
    public var tiedHead: Bool

    /// - Parameters: see the properties; `targetVocabularySize` defaults to `sourceVocabularySize` and
    ///   `feedForwardDimension` to 4·`modelDimension`.
    public init(sourceVocabularySize: Int, targetVocabularySize: Int? = nil, maxLength: Int = 64, modelDimension: Int = 64,
                headCount: Int = 4, encoderLayerCount: Int = 2, decoderLayerCount: Int = 2, feedForwardDimension: Int? = nil,
                dropout: Float = 0.1, activation: TransformerActivation = .relu, normFirst: Bool = true,
                sharedEmbedding: Bool = false, tiedHead: Bool = false) {
        self.sourceVocabularySize = sourceVocabularySize
        self.targetVocabularySize = targetVocabularySize ?? sourceVocabularySize
        self.maxLength = maxLength
        self.modelDimension = modelDimension
        self.headCount = headCount
        self.encoderLayerCount = encoderLayerCount
        self.decoderLayerCount = decoderLayerCount
        self.feedForwardDimension = feedForwardDimension ?? 4 * modelDimension
        self.dropout = dropout
        self.activation = activation
        self.normFirst = normFirst
        self.sharedEmbedding = sharedEmbedding
        self.tiedHead = tiedHead
    }
}

extension TransformerActivation: Codable {}
