/// The hyper-parameters of a ``GPT`` (§25.6.2), saved with the model so it can be rebuilt.
///
/// Defaults are a laptop-sized character model: context 128, width 128, 4 heads, 4 blocks,
/// feed-forward width 4E, dropout 0.1, head tied to the token embedding.
public struct GPTConfiguration: Codable, Sendable, Equatable {
    /// V, the number of tokens.
    public var vocabularySize: Int
    /// T, the longest sequence the model sees (rows of the positional embedding).
    public var contextLength: Int
    /// E, the model width.
    public var modelDimension: Int
    /// h, the number of attention heads per block.
    public var headCount: Int
    /// N, the number of decoder blocks.
    public var layerCount: Int
    /// F, the feed-forward width.
    public var feedForwardDimension: Int
    /// The dropout probability (embeddings, attention weights, residual branches).
    public var dropout: Float
    /// Whether the output head reuses the token embedding (logits = h·Eᵀ; Press & Wolf 2017).
    public var tiedHead: Bool

    /// - Parameters: see the properties; `feedForwardDimension` defaults to 4·`modelDimension`.
    public init(vocabularySize: Int, contextLength: Int = 128, modelDimension: Int = 128, headCount: Int = 4,
                layerCount: Int = 4, feedForwardDimension: Int? = nil, dropout: Float = 0.1, tiedHead: Bool = true) {
        self.vocabularySize = vocabularySize
        self.contextLength = contextLength
        self.modelDimension = modelDimension
        self.headCount = headCount
        self.layerCount = layerCount
        self.feedForwardDimension = feedForwardDimension ?? 4 * modelDimension
        self.dropout = dropout
        self.tiedHead = tiedHead
    }
}
