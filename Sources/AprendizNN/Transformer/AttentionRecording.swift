import AprendizAutodiff
import AprendizTensor

extension Module {
    /// Every block's self-attention weights `[heads, L, L]` while `forward` runs once on one example, in
    /// inference mode without gradients (``GPT/attentionMaps(_:)``, ``VisionTransformer/attentionMaps(_:)``):
    /// row i is where position i looks. The training mode and the blocks' recording flags are restored.
    func recordedAttention(of blocks: [TransformerEncoderLayer], running forward: () -> Void) -> [Tensor] {
        let wasTraining = isTraining
        eval()
        defer {
            train(wasTraining)
            for block in blocks { block.selfAttention.recordsWeights = false }
        }
        for block in blocks { block.selfAttention.recordsWeights = true }
        withoutGradient(forward)
        return blocks.map { block in
            let weights = block.selfAttention.recordedWeights!
            return weights.reshaped(Array(weights.shape.dropFirst()))
        }
    }
}
