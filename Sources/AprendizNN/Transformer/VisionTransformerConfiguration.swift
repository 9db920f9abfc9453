/// The hyper-parameters of a ``VisionTransformer`` (§25.7), saved with the model so it can be rebuilt.
///
/// Defaults fit Fashion-MNIST on a laptop: 28×28×1 images cut into 7×7 patches (16 tokens plus the
/// class token), width 64, 4 heads, 4 blocks, feed-forward width 2E, dropout 0.1, 10 classes.
public struct VisionTransformerConfiguration: Codable, Sendable, Equatable {
    /// The side of the square input images, in pixels.
    public var imageSize: Int
    /// P, the side of a square patch (`imageSize` must be a multiple of it).
    public var patchSize: Int
    /// C, the channels of the NHWC input.
    public var channels: Int
    /// K, the number of classes of the head.
    public var classCount: Int
    /// D, the model width.
    public var modelDimension: Int
    /// h, the number of attention heads per block.
    public var headCount: Int
    /// N, the number of encoder blocks.
    public var layerCount: Int
    /// F, the feed-forward width.
    public var feedForwardDimension: Int
    /// The dropout probability (embeddings, attention weights, residual branches).
    public var dropout: Float

    /// - Parameters: see the properties; `feedForwardDimension` defaults to 2·`modelDimension`.
    public init(imageSize: Int = 28, patchSize: Int = 7, channels: Int = 1, classCount: Int = 10, modelDimension: Int = 64,
                headCount: Int = 4, layerCount: Int = 4, feedForwardDimension: Int? = nil, dropout: Float = 0.1) {
        self.imageSize = imageSize
        self.patchSize = patchSize
        self.channels = channels
        self.classCount = classCount
        self.modelDimension = modelDimension
        self.headCount = headCount
        self.layerCount = layerCount
        self.feedForwardDimension = feedForwardDimension ?? 2 * modelDimension
        self.dropout = dropout
    }

    /// (imageSize / P)², the number of patch tokens.
    public var patchCount: Int { (imageSize / patchSize) * (imageSize / patchSize) }

    /// Why the configuration cannot build a model, or `nil` when it can.
    public var problem: String? {
        if imageSize <= 0 || patchSize <= 0 || imageSize % patchSize != 0 {
            return "image size \(imageSize) is not a positive multiple of patch size \(patchSize)"
        }
        if channels <= 0 || classCount < 2 || layerCount <= 0 { return "needs channels ≥ 1, classes ≥ 2 and layers ≥ 1" }
        if headCount <= 0 || modelDimension <= 0 || modelDimension % headCount != 0 {
            return "width \(modelDimension) is not a positive multiple of the \(headCount) heads"
        }
        if feedForwardDimension <= 0 || !(0..<1).contains(dropout) { return "needs feed-forward width ≥ 1 and dropout in [0, 1)" }
        return nil
    }
}
