import AprendizAutodiff
import AprendizTensor

/// Batch normalisation (§24.3.2; Ioffe & Szegedy 2015): each channel is standardised with the
/// statistics of the mini-batch in training and with running estimates of them in inference.
///
/// ```
/// x: [batch, features] (1-D), [batch, length, channels] or [batch, height, width, channels] (2-D, NHWC);
/// statistics per channel (the last axis) over every other axis, n values each
/// training:   μ_B, σ²_B = mean and biased variance of the batch
///             y = (x − μ_B) / √(σ²_B + ε) · γ + β
///             running_mean ← (1 − m)·running_mean + m·μ_B
///             running_var  ← (1 − m)·running_var  + m·σ²_B · n/(n − 1)     (unbiased)
/// inference:  y = (x − running_mean) / √(running_var + ε) · γ + β
/// ```
/// Matches PyTorch's `nn.BatchNorm1d` and `nn.BatchNorm2d` (which put channels second: transpose to
/// compare): ε = 1e-5, momentum m = 0.1 (`nil` gives the cumulative average, m = 1/t at the t-th
/// batch, like PyTorch's `momentum=None`), γ = 1, β = 0, running mean 0 and variance 1 at the start.
/// With `trackRunningStatistics: false` the batch statistics are used in both modes. The running
/// statistics are buffers (``Module/namedOwnBuffers()``), saved in model files as
/// `runningMean`, `runningVariance` and `batchesTracked`.
public final class BatchNorm: Module {
    /// C, the number of channels (the input's last axis).
    public let channelCount: Int
    /// ε, added to the variance.
    public let epsilon: Float
    /// m, the weight of the newest batch in the running averages; `nil` for a cumulative average.
    public let momentum: Float?
    /// γ, shape `[channels]`, or `nil` without the affine part.
    public let weight: Variable?
    /// β, shape `[channels]`, or `nil` without the affine part.
    public let bias: Variable?
    /// The running mean, shape `[channels]` (a buffer: not trained by gradients), or `nil` when not tracked.
    public let runningMean: Variable?
    /// The running unbiased variance, shape `[channels]`, or `nil` when not tracked.
    public let runningVariance: Variable?
    /// The number of training batches seen, as a one-element tensor, or `nil` when not tracked.
    public let batchesTracked: Variable?

    /// - Parameters:
    ///   - channels: C, the size of the input's last axis.
    ///   - epsilon: ε (default 1e-5).
    ///   - momentum: m ∈ (0, 1] (default 0.1), or `nil` for the cumulative average.
    ///   - affine: whether to learn γ and β per channel (default `true`).
    ///   - trackRunningStatistics: whether to keep running statistics for inference (default `true`).
    public init(_ channels: Int, epsilon: Float = 1e-5, momentum: Float? = 0.1, affine: Bool = true,
                trackRunningStatistics: Bool = true) {
        require(channels > 0, "BatchNorm: invalid channel count \(channels)")
        require(epsilon >= 0, "BatchNorm: epsilon \(epsilon) is negative")
        if let momentum { require(momentum > 0 && momentum <= 1, "BatchNorm: momentum \(momentum) is not in (0, 1]") }
        channelCount = channels
        self.epsilon = epsilon
        self.momentum = momentum
        weight = affine ? Variable(Tensor.ones([channels]), requiresGradient: true) : nil
        bias = affine ? Variable(Tensor.zeros([channels]), requiresGradient: true) : nil
        runningMean = trackRunningStatistics ? Variable(Tensor.zeros([channels])) : nil
        runningVariance = trackRunningStatistics ? Variable(Tensor.ones([channels])) : nil
        batchesTracked = trackRunningStatistics ? Variable(Tensor.zeros([1])) : nil
        super.init()
    }

    /// The running statistics (none when they are not tracked).
    public override func namedOwnBuffers() -> [(name: String, buffer: Variable)] {
        guard let runningMean, let runningVariance, let batchesTracked else { return [] }
        return [("runningMean", runningMean), ("runningVariance", runningVariance), ("batchesTracked", batchesTracked)]
    }

    public override func callAsFunction(_ input: Variable) -> Variable {
        require(input.shape.count >= 2 && input.shape.last == channelCount,
                "BatchNorm: input of shape \(input.shape) is not [batch, …, \(channelCount)]")
        if !isTraining, let runningMean, let runningVariance {
            let scale = (runningVariance.value + epsilon).rsqrt()
            return affine((input - runningMean.value) * scale, weight: weight, bias: bias)
        }
        let count = input.value.count / channelCount
        require(!isTraining || count > 1,
                "BatchNorm: training needs more than one value per channel, got input of shape \(input.shape)")
        let (output, mean, variance) = fusedBatchNorm(input, weight: weight, bias: bias, epsilon: epsilon)
        if isTraining { updateRunningStatistics(mean: mean, variance: variance, count: count) }
        return output
    }

    /// running ← (1 − m)·running + m·batch, with the batch variance made unbiased.
    private func updateRunningStatistics(mean: Tensor, variance: Tensor, count: Int) {
        guard let runningMean, let runningVariance, let batchesTracked else { return }
        let batches = batchesTracked.value.scalars[0] + 1
        batchesTracked.value = Tensor([batches])
        let m = momentum ?? 1 / batches
        let unbiased = variance.reshaped([channelCount]) * (Float(count) / Float(count - 1))
        runningMean.value = runningMean.value * (1 - m) + mean.reshaped([channelCount]) * m
        runningVariance.value = runningVariance.value * (1 - m) + unbiased * m
    }
}
