/// The hyper-parameters of a ``BERT`` encoder (§25.6.1), saved with the model so it can be rebuilt.
///
/// Defaults are a laptop-sized model: context 128, width 128, 4 heads, 4 blocks, feed-forward width 4E,
/// dropout 0.1, no classification head.
public struct BERTConfiguration: Codable, Sendable, Equatable {
    /// V, the number of tokens (including the special `[CLS]` and `[MASK]`).
    public var vocabularySize: Int
    /// T, the longest sequence (rows of the positional embedding).
    public var contextLength: Int
    /// E, the model width.
    public var modelDimension: Int
    /// h, the number of attention heads per block.
    public var headCount: Int
    /// N, the number of encoder blocks.
    public var layerCount: Int
    /// F, the feed-forward width.
    public var feedForwardDimension: Int
    /// The dropout probability (embeddings, attention weights, residual branches).
    public var dropout: Float
    /// C, the classes of the head on `[CLS]`; 0 for none.
    public var classCount: Int

    /// - Parameters: see the properties; `feedForwardDimension` defaults to 4·`modelDimension`.
    public init(vocabularySize: Int, contextLength: Int = 128, modelDimension: Int = 128, headCount: Int = 4,
                layerCount: Int = 4, feedForwardDimension: Int? = nil, dropout: Float = 0.1, classCount: Int = 0) {
        self.vocabularySize = vocabularySize
        self.contextLength = contextLength
        self.modelDimension = modelDimension
        self.headCount = headCount
        self.layerCount = layerCount
        self.feedForwardDimension = feedForwardDimension ?? 4 * modelDimension
        self.dropout = dropout
        self.classCount = classCount
    }
}
