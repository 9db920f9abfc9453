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

    /// The fused training pass (eight channels per SIMD vector, chunks of rows, runs of 32 rows summed in `Float`)
    /// against the composite form (``standardized(_:axes:epsilon:)`` then γ, β by broadcasting) and against the
    /// statistics computed here in `Double`, on batches that use every path: 20 channels (two full vectors and a
    /// partial one), thousands of rows (many chunks and runs), and values far from 0 (mean 1000, spread 0.5).
    @Test mutating func fusedBatchNormMatchesTheCompositeFormOnLargeBatches() {
        for (shape, offset) in [([40, 9, 9, 20], Float(0)), ([64, 5, 5, 8], 1000), ([300, 13], -3)] {
            let channels = shape.last!
            let x = random(shape) * 0.25 + offset
            let weight = Variable(random([channels]), requiresGradient: true)
            let bias = Variable(random([channels]), requiresGradient: true)
            let upstream = random(shape)
            let layer = BatchNorm(channels)
            layer.weight!.value = weight.value
            layer.bias!.value = bias.value
            let input = Variable(x, requiresGradient: true)
            let fused = layer(input)
            let fusedGradients = Variable.gradients(of: (fused * upstream).sum(), withRespectTo: [input, layer.weight!, layer.bias!])

            let reference = Variable(x, requiresGradient: true)
            let axes = Array(0..<(shape.count - 1))
            let composite = standardized(reference, axes: axes, epsilon: layer.epsilon).output * weight + bias
            let compositeGradients = Variable.gradients(of: (composite * upstream).sum(), withRespectTo: [reference, weight, bias])

            // μ and the biased σ² per channel, in Double, for the running statistics (momentum 0.1 from 0 and 1).
            let rows = x.count / channels
            var mean = [Double](repeating: 0, count: channels), variance = mean
            for (i, v) in x.scalars.enumerated() { mean[i % channels] += Double(v) / Double(rows) }
            for (i, v) in x.scalars.enumerated() { let d = Double(v) - mean[i % channels]; variance[i % channels] += d * d / Double(rows) }
            let runningMean = Tensor(mean.map { Float(0.1 * $0) })
            let runningVariance = Tensor(variance.map { Float(0.9 + 0.1 * $0 * Double(rows) / Double(rows - 1)) })
            expectClose(layer.runningMean!.value, runningMean, absolute: 1e-6, relative: 1e-5)
            expectClose(layer.runningVariance!.value, runningVariance, relative: 1e-5)
            let expected = Tensor(shape: shape, scalars: x.scalars.enumerated().map { i, v in
                let c = i % channels    // μ is a Float like the tensor (at 1000 it moves by up to 3e-5)
                return Float((Double(v) - Double(Float(mean[c]))) / (variance[c] + Double(layer.epsilon)).squareRoot() * Double(weight.value.scalars[c]) + Double(bias.value.scalars[c]))
            })
            expectClose(fused.value, expected, absolute: 1e-5, relative: 1e-5)
            for (f, c) in zip(fusedGradients, compositeGradients) { expectClose(f.value, c.value, absolute: 1e-3, relative: 1e-3) }
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
