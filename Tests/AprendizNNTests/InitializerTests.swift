import Aprendiz
import AprendizTestSupport
import Testing

@Suite struct InitializerTests {
    /// Bounds and standard deviations from torch.nn.init's fan and gain helpers for a PyTorch
    /// weight [300, 200] (Aprendiz [200, 300]); the samples are checked against them: uniform draws
    /// stay inside ±bound and reach within 1 % of it; the sample standard deviation of 60 000 draws
    /// is within 2 % of the target (its relative standard error is ≈ 0.3 %).
    @Test(arguments: [Initializer.glorotUniform, .heUniform])
    func uniformInitializersUseTorchBounds(initializer: Initializer) throws {
        let reference = try JSONFixture("layers.json")["initializers"]
        let bound = reference["\(initializer)"]["bound"].float
        var generator = RandomGenerator(seed: 11)
        let w = initializer.make([200, 300], using: &generator)
        let largest = w.abs().max().scalar
        #expect(largest <= bound && largest > 0.99 * bound)
        // U(−a, a) has standard deviation a/√3.
        expectClose(w.variance().sqrt().scalar, bound / Float(3).squareRoot(), absolute: 0, relative: 0.02)
    }

    @Test(arguments: [Initializer.glorotNormal, .heNormal, .lecunNormal])
    func normalInitializersUseTorchDeviations(initializer: Initializer) throws {
        let reference = try JSONFixture("layers.json")["initializers"]
        let deviation = reference["\(initializer)"]["std"].float
        var generator = RandomGenerator(seed: 12)
        let w = initializer.make([200, 300], using: &generator)
        expectClose(w.variance().sqrt().scalar, deviation, absolute: 0, relative: 0.02)
        #expect(Swift.abs(w.mean().scalar) < 0.02 * deviation * 10)
    }

    @Test func constantsAndFans() {
        var generator = RandomGenerator(seed: 0)
        #expect(Initializer.zeros.make([2, 2], using: &generator) == Tensor.zeros([2, 2]))
        #expect(Initializer.ones.make([3], using: &generator) == Tensor.ones([3]))
        #expect(Initializer.constant(0.5).make([2], using: &generator) == Tensor([0.5, 0.5]))
        // A 3×3 convolution kernel [3, 3, in 4, out 8]: receptive field 9.
        #expect(Initializer.fans(of: [3, 3, 4, 8]) == (36, 72))
        #expect(Initializer.fans(of: [5, 7]) == (5, 7))
    }
}
