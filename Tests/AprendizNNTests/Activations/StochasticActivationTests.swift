import Aprendiz
import AprendizTestSupport
import Testing
import Foundation

/// RReLU and NoisyReLU: inference mode is the deterministic formula, training mode draws from the
/// stated distribution, and the same seed gives the same output.
@Suite struct StochasticActivationTests {
    static let samples = 200_000

    /// Training: every negative input is scaled by its own a ~ U(l, u). With n = 200 000 draws the
    /// sample mean of a has standard error (u − l)/√(12n) ≈ 1.5e-4 and the sample variance
    /// (u − l)²/12 ≈ 1.7e-3 has standard error ≈ 4e-6 (uniform: Var(s²) ≈ (μ₄ − σ⁴)/n); the tolerances
    /// are more than 6 standard errors.
    @Test func rreluTrainingSlopesAreUniformOnTheInterval() {
        let lower: Float = 1.0 / 8, upper: Float = 1.0 / 3
        var generator = RandomGenerator(seed: 42)
        let x = Variable(Tensor.full([Self.samples], value: -2), requiresGradient: true)
        let y = rrelu(x, lower: lower, upper: upper, training: true, using: &generator)
        let slopes = (y.value / -2).scalars.map(Double.init)
        let mean = slopes.reduce(0, +) / Double(slopes.count)
        let variance = slopes.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(slopes.count)
        #expect(slopes.allSatisfy { $0 >= Double(lower) && $0 <= Double(upper) })
        #expect(Swift.abs(mean - Double(lower + upper) / 2) < 1e-3)
        #expect(Swift.abs(variance - Double((upper - lower) * (upper - lower)) / 12) < 3e-5)
        // The backward pass uses the slope drawn in the forward pass (eq. 8.11).
        y.backward(Tensor.ones([Self.samples]))
        expectClose(x.grad!, y.value / -2, absolute: 0)
    }

    @Test func rreluPositiveInputsPassUnchangedInTraining() {
        var generator = RandomGenerator(seed: 7)
        let x = Tensor([0.5, 3, 100])
        expectClose(rrelu(Variable(x), training: true, using: &generator).value, x, absolute: 0)
    }

    /// Inference: the mean slope (l + u)/2 = 11/48 for the defaults (PyTorch's eval-mode rrelu,
    /// checked on the grid in ActivationReferenceTests); layer in eval mode gives the same.
    @Test func rreluInferenceUsesTheMeanSlope() {
        let layer = RReLU(seed: 1)
        layer.eval()
        expectClose(layer(Tensor([-4.8, 2])).value, Tensor([-4.8 * 11 / 48, 2]))
    }

    @Test func sameSeedSameOutput() {
        let x = Tensor.linspace(-3, 3, count: 64)
        let first = RReLU(seed: 9)(x).value, second = RReLU(seed: 9)(x).value, other = RReLU(seed: 10)(x).value
        #expect(first.scalars == second.scalars && first.scalars != other.scalars)
        let noisyA = NoisyReLU(seed: 9)(x).value, noisyB = NoisyReLU(seed: 9)(x).value
        let noisyC = NoisyReLU(seed: 11)(x).value
        #expect(noisyA.scalars == noisyB.scalars && noisyA.scalars != noisyC.scalars)
    }

    /// Training (eq. 8.19): for z = 2 the noise is N(0, σ(2)) with variance σ(2) = 0.880797.
    /// n = 200 000: the sample mean's standard error is √(0.88/n) ≈ 2.1e-3 and the sample
    /// variance's is σ(2)·√(2/n) ≈ 2.8e-3; the tolerances are 5 standard errors.
    @Test func noisyReLUTrainingNoiseHasSigmoidVariance() {
        var generator = RandomGenerator(seed: 2026)
        let z: Float = 2
        let x = Variable(Tensor.full([Self.samples], value: z), requiresGradient: true)
        let y = noisyReLU(x, training: true, using: &generator)
        let noise = y.value.scalars.map { Double($0 - z) }
        let mean = noise.reduce(0, +) / Double(noise.count)
        let variance = noise.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(noise.count)
        let expected = 1 / (1 + Foundation.exp(-2.0))
        #expect(Swift.abs(mean) < 0.011)
        #expect(Swift.abs(variance - expected) < 0.014)
        // Backward (eq. 8.20): 1 for z > 0 whatever the noise.
        y.backward(Tensor.ones([Self.samples]))
        #expect(x.grad!.scalars.allSatisfy { $0 == 1 })
    }

    @Test func noisyReLUTrainingZeroesNonPositiveInputs() {
        var generator = RandomGenerator(seed: 5)
        let x = Variable(Tensor([-3, -0.1, 0, -0.0]), requiresGradient: true)
        let y = noisyReLU(x, training: true, using: &generator)
        #expect(y.value.scalars.allSatisfy { $0 == 0 })
        y.backward(Tensor.ones([4]))
        #expect(x.grad!.scalars.allSatisfy { $0 == 0 })
    }

    @Test func noisyReLUInferenceIsReLU() {
        let layer = NoisyReLU(seed: 1)
        layer.eval()
        expectClose(layer(Tensor([-1, 0, 0.5, 7])).value, Tensor([0, 0, 0.5, 7]), absolute: 0)
    }
}
