import Aprendiz
import AprendizTestSupport
import Testing

/// Finite-difference checks of the normalisation layers' input gradients (central differences in
/// Double), independent of the PyTorch fixtures (which also check γ and β); and the
/// properties that define them (zero mean and unit variance where they normalise).
@Suite struct NormalizationGradientTests {
    var generator = RandomGenerator(seed: 24)

    mutating func random(_ shape: [Int]) -> Tensor { Tensor.randomUniform(shape, in: -2...2, using: &generator) }

    @Test mutating func layerNorm() {
        let layer = LayerNorm([3, 4])
        layer.weight!.value = random([3, 4])
        layer.bias!.value = random([3, 4])
        expectGradientsMatchFiniteDifferences([random([2, 3, 4])], upstream: random([2, 3, 4])) { v in layer(v[0]) }
        expectGradientsMatchFiniteDifferences([random([3, 5])], upstream: random([3, 5])) { v in LayerNorm(features: 5)(v[0]) }
    }

    @Test mutating func batchNormTraining() {
        expectGradientsMatchFiniteDifferences([random([4, 2, 2, 3])], upstream: random([4, 2, 2, 3])) { v in
            BatchNorm(3)(v[0])
        }
    }

    @Test mutating func batchNormInference() {
        let layer = BatchNorm(3)
        layer.runningMean!.value = Tensor([0.5, -1, 0])
        layer.runningVariance!.value = Tensor([2, 0.5, 1])
        layer.eval()
        expectGradientsMatchFiniteDifferences([random([5, 3])], upstream: random([5, 3])) { v in layer(v[0]) }
    }

    @Test mutating func groupNorm() {
        expectGradientsMatchFiniteDifferences([random([2, 3, 2, 4])], upstream: random([2, 3, 2, 4])) { v in
            GroupNorm(groups: 2, channels: 4)(v[0])
        }
    }

    /// Training-mode BatchNorm output has per-channel mean 0 and biased variance 1 (up to ε).
    @Test mutating func batchNormStandardisesEachChannel() {
        let y = BatchNorm(4, epsilon: 0)(random([8, 3, 3, 4])).value
        expectClose(y.mean(axes: [0, 1, 2]), Tensor.zeros([4]), absolute: 1e-5)
        expectClose(y.variance(axes: [0, 1, 2]), Tensor.ones([4]), absolute: 1e-4)
    }

    /// Training updates the running statistics; inference neither uses nor changes the batch statistics.
    @Test mutating func batchNormModes() {
        let layer = BatchNorm(2, momentum: 0.5)
        let x = Tensor([[1, 10], [3, 30]])                      // means [2, 20], unbiased variances [2, 200]
        _ = layer(x)
        expectClose(layer.runningMean!.value, Tensor([1, 10]))
        expectClose(layer.runningVariance!.value, Tensor([1.5, 100.5]))
        layer.eval()
        let before = layer.runningMean!.value
        let y = layer(x).value
        #expect(layer.runningMean!.value == before)
        expectClose(y, (x - Tensor([1, 10])) / (Tensor([1.5, 100.5]) + 1e-5).sqrt(), absolute: 1e-5)
    }
}
