import AprendizAutodiff
import AprendizTensor

/// Group normalisation (§24.3; Wu & He 2018): the channels are split into groups and each sample is
/// standardised within each group, over the group's channels and all spatial positions.
///
/// ```
/// x: [batch, …, channels] (channels last, NHWC)     G groups of C/G channels each
/// μ, σ² over (all positions, the C/G channels of the group), per sample and group
/// y = (x − μ) / √(σ² + ε) · γ + β          γ, β: [channels]
/// ```
/// One group is layer normalisation over all features; `channels` groups is instance normalisation.
/// Like ``LayerNorm`` it does not depend on the batch. Behaves like PyTorch's `nn.GroupNorm`
/// (ε = 1e-5, γ = 1, β = 0 at the start), with the channel axis last instead of second.
public final class GroupNorm: Module {
    /// G, the number of groups.
    public let groupCount: Int
    /// C, the number of channels (the last axis).
    public let channelCount: Int
    /// ε, added to the variance.
    public let epsilon: Float
    /// γ, shape `[channels]`, or `nil` without the affine part.
    public let weight: Variable?
    /// β, shape `[channels]`, or `nil` without the affine part.
    public let bias: Variable?

    /// - Parameters:
    ///   - groups: G, which must divide `channels`.
    ///   - channels: C, the size of the input's last axis.
    ///   - epsilon: ε (default 1e-5).
    ///   - affine: whether to learn γ and β per channel (default `true`).
    public init(groups: Int, channels: Int, epsilon: Float = 1e-5, affine: Bool = true) {
        require(groups > 0 && channels > 0 && channels % groups == 0,
                "GroupNorm: \(groups) groups do not divide \(channels) channels")
        require(epsilon >= 0, "GroupNorm: epsilon \(epsilon) is negative")
        groupCount = groups
        channelCount = channels
        self.epsilon = epsilon
        weight = affine ? Variable(Tensor.ones([channels]), requiresGradient: true) : nil
        bias = affine ? Variable(Tensor.zeros([channels]), requiresGradient: true) : nil
        super.init()
    }

    public override func callAsFunction(_ input: Variable) -> Variable {
        require(input.shape.count >= 2 && input.shape.last == channelCount,
                "GroupNorm: input of shape \(input.shape) is not [batch, …, \(channelCount)]")
        let grouped = input.reshaped([input.shape[0], -1, groupCount, channelCount / groupCount])
        let normalized = standardized(grouped, axes: [1, 3], epsilon: epsilon).output.reshaped(input.shape)
        return affine(normalized, weight: weight, bias: bias)
    }
}
