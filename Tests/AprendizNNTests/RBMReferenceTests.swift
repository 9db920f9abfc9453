import Aprendiz
import AprendizTestSupport
import Testing

/// The restricted Boltzmann machine against scikit-learn's `BernoulliRBM` (`Tests/Fixtures/boltzmann.json`,
/// written by `Tools/fixtures/generate_boltzmann.py`): the same parameters give the same hidden and visible
/// probabilities, free energies, pseudo-likelihoods and Gibbs samples; one training step from the same
/// negative samples gives the same parameters; PCD training on binarised digits improves the
/// pseudo-likelihood as scikit-learn's does.
@Suite struct RBMReferenceTests {
    nonisolated(unsafe) static let fixture = try! JSONFixture("boltzmann.json")

    static func machine(_ c: JSONFixture) -> RBM {
        RBM(weights: c["weights"].tensor, visibleBias: c["visibleBias"].tensor, hiddenBias: c["hiddenBias"].tensor)
    }

    @Test func conditionalsAndFreeEnergyMatchScikitLearn() {
        let c = Self.fixture["conditionals"], rbm = Self.machine(c)
        expectClose(rbm.hiddenProbabilities(given: c["visible"].tensor), c["hiddenProbabilities"].tensor,
                    absolute: 1e-6, relative: 1e-5, "transform")
        expectClose(rbm.visibleProbabilities(given: c["hidden"].tensor), c["visibleProbabilities"].tensor,
                    absolute: 1e-6, relative: 1e-5, "p(v | h)")
        expectClose(rbm.freeEnergy(c["visible"].tensor), c["freeEnergy"].tensor, absolute: 1e-5, relative: 1e-5, "_free_energy")
    }

    /// score_samples flips one unit per row, drawn by its RandomState; the fixture records which.
    @Test func pseudoLikelihoodMatchesScikitLearn() {
        let c = Self.fixture["conditionals"], rbm = Self.machine(c)
        expectClose(rbm.pseudoLikelihood(c["visible"].tensor, flipping: c["flipped"].array.map(\.int)),
                    c["pseudoLikelihood"].tensor, absolute: 1e-4, relative: 1e-5, "score_samples")
    }

    /// scikit-learn's gibbs draws h = [u < p(h | v)], then v′ = [u′ < p(v | h)]: thresholding our probabilities
    /// with the uniforms it drew gives its sample.
    @Test func gibbsStepWithScikitLearnsUniformsGivesItsSample() {
        let c = Self.fixture["conditionals"], rbm = Self.machine(c)
        let hidden = c["uniformsHidden"].tensor.less(rbm.hiddenProbabilities(given: c["visible"].tensor))
        let visible = c["uniformsVisible"].tensor.less(rbm.visibleProbabilities(given: hidden))
        #expect(visible == c["gibbs"].tensor)
    }

    /// One `_fit` step (the body of `partial_fit`) with the negative samples it drew.
    @Test func updateMatchesScikitLearnsStep() {
        let c = Self.fixture["update"]
        var rbm = Self.machine(c)
        rbm.update(positive: c["positive"].tensor, negative: c["negative"].tensor, learningRate: c["learningRate"].float)
        let after = Self.machine(c["after"])
        expectClose(rbm.weights, after.weights, absolute: 1e-6, relative: 0, "W")
        expectClose(rbm.visibleBias, after.visibleBias, absolute: 1e-6, relative: 0, "b")
        expectClose(rbm.hiddenBias, after.hiddenBias, absolute: 1e-6, relative: 0, "c")
    }

    /// Free energy at extreme pre-activations, derived by hand: F(v) = −bᵀv − softplus(c + vᵀW) with
    /// W = [60, 40]ᵀ, b = [1, −1], c = −5: F(1, 1) = 0 − 95, F(0, 0) = −log(1 + e⁻⁵), F(1, 0) = −1 − 55.
    /// With W = [−200, 0]ᵀ the softplus of −205 underflows to 0 instead of overflowing: F(1, 0) = −1.
    @Test func freeEnergyIsStableForLargePreActivations() {
        let rbm = RBM(weights: Tensor([[60], [40]]), visibleBias: Tensor([1, -1]), hiddenBias: Tensor([-5]))
        expectClose(rbm.freeEnergy(Tensor([[1, 1], [0, 0], [1, 0]])), Tensor([-95, -0.0067153485, -56]), absolute: 1e-6, relative: 1e-6)
        let negative = RBM(weights: Tensor([[-200], [0]]), visibleBias: Tensor([1, -1]), hiddenBias: Tensor([-5]))
        expectClose(negative.freeEnergy(Tensor([[1, 0]])), Tensor([-1]), absolute: 1e-6, relative: 0)
        #expect(negative.hiddenProbabilities(given: Tensor([[1, 0]])).scalars == [0])
    }

    static func binarisedDigits() throws -> Tensor {
        let x = try BundledDataset.digits.load().inputs
        return (x / 16).greater(Tensor(0.5))
    }

    /// PCD-1 with scikit-learn's digits example settings: the pseudo-likelihood per epoch improves and ends
    /// near scikit-learn's (same settings, its own random numbers); the curves are compared in Docs/Boltzmann.md.
    @Test func persistentTrainingOnDigitsImprovesAsScikitLearnsDoes() throws {
        let data = try Self.binarisedDigits()
        var generator = RandomGenerator(seed: 0)
        var rbm = RBM(visible: 64, hidden: 64, using: &generator)
        let curve = rbm.fit(data, options: .init(learningRate: 0.06, batchSize: 10, epochs: 10), using: &generator)
        let reference = Self.fixture["digits"]["pseudoLikelihoodPerEpoch"].floats
        #expect(curve.count == 10)
        #expect(curve.last! > curve.first! + 3, "pseudo-likelihood per epoch \(curve)")
        #expect(Swift.abs(curve.last! - reference.last!) < 0.1 * Swift.abs(reference.last!), "ours \(curve), scikit-learn \(reference)")
        #expect(rbm.reconstructionError(data) < 1.5 * Self.fixture["digits"]["reconstructionError"].float)
    }

    /// CD-k trains too: the reconstruction error falls well below the untrained machine's.
    @Test func contrastiveDivergenceReducesReconstructionError() throws {
        let data = try Self.binarisedDigits()
        var generator = RandomGenerator(seed: 1)
        var rbm = RBM(visible: 64, hidden: 32, using: &generator)
        let before = rbm.reconstructionError(data)
        rbm.fit(data, options: .init(learningRate: 0.05, batchSize: 20, epochs: 5, estimator: .contrastiveDivergence(steps: 2)),
                using: &generator)
        #expect(rbm.reconstructionError(data) < 0.6 * before)
    }
}
