import Aprendiz
@testable import AprendizClassic
import AprendizTestSupport
import Testing

/// The numbers of a fixture array in `Double`.
private func doubles(_ fixture: JSONFixture) -> [Double] { fixture.floats.map { Double($0) } }

/// Expects two equally long arrays to agree within `absolute + relative·|expected|` element-wise.
private func expectClose(_ actual: [Double], _ expected: [Double], absolute: Double, relative: Double = 0,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    let worst = zip(actual, expected).map { abs($0 - $1) - relative * abs($1) }.max() ?? 0
    #expect(worst <= absolute, "largest deviation \(worst)", sourceLocation: sourceLocation)
}

@Suite struct TSNETests {
    /// Reference: scikit-learn `_binary_search_perplexity` and `_joint_probabilities` (Tools/fixtures/generate_manifold.py).
    @Test func perplexityCalibrationMatchesScikitLearn() throws {
        let fixture = try JSONFixture("manifold.json")["perplexity"]
        let x = Tensor(shape: [fixture["rows"].int, fixture["columns"].int], scalars: fixture["x"].floats)
        let n = x.shape[0], perplexity = Double(fixture["perplexity"].float)
        let distances = PairwiseDistances.squared(x)
        expectClose(PerplexityCalibration.conditional(squaredDistances: distances, count: n, perplexity: perplexity),
                    doubles(fixture["conditional"]), absolute: 1e-5)
        expectClose(PerplexityCalibration.joint(squaredDistances: distances, count: n, perplexity: perplexity),
                    doubles(fixture["joint"]), absolute: 1e-5)
    }

    /// Reference: scikit-learn `_joint_probabilities_nn` on the 3·perplexity + 1 nearest neighbours.
    @Test func sparseAffinitiesMatchScikitLearn() throws {
        let fixture = try JSONFixture("manifold.json")["perplexity"]
        let x = Tensor(shape: [fixture["rows"].int, fixture["columns"].int], scalars: fixture["x"].floats)
        let graph = PairwiseDistances.nearestNeighbors(x, k: fixture["neighbors"].int)
        let p = PerplexityCalibration.joint(neighbors: graph, perplexity: Double(fixture["perplexity"].float))
        expectClose(p.dense, doubles(fixture["joint_nn"]), absolute: 1e-5)
    }

    /// Reference: a NumPy transcription of KL(P‖Q) and its gradient, checked against scikit-learn's `_kl_divergence`.
    @Test func exactGradientMatchesNumPy() throws {
        let fixture = try JSONFixture("manifold.json")
        let p = doubles(fixture["perplexity"]["joint"]), y = doubles(fixture["kl"]["embedding"])
        var gradient = [Double](repeating: 0, count: y.count)
        let kl = ExactTSNEObjective(count: 24, components: 2, p: p).evaluate(y, exaggeration: 1, computeError: true, gradient: &gradient)
        expectClose([kl], [Double(fixture["kl"]["kl"].float)], absolute: 1e-6, relative: 1e-6)
        expectClose(gradient, doubles(fixture["kl"]["gradient"]), absolute: 1e-6, relative: 1e-5)
        // With θ = 0 the quad tree opens every cell: Barnes–Hut on the full P is the exact gradient.
        let all = SparseAffinities.symmetrized(count: 24, k: 23, indices: (0..<24).flatMap { i in (0..<24).filter { $0 != i } },
                                               values: (0..<24).flatMap { i in (0..<24).filter { $0 != i }.map { p[i * 24 + $0] } })
        var treeGradient = [Double](repeating: 0, count: y.count)
        _ = BarnesHutTSNEObjective(p: all, angle: 0).evaluate(y, exaggeration: 1, computeError: false, gradient: &treeGradient)
        expectClose(treeGradient, doubles(fixture["kl"]["gradient"]), absolute: 1e-6, relative: 1e-5)
    }

    /// Reference: trustworthiness (k = 10) of scikit-learn's TSNE on iris; ours may be at most 0.01 below.
    @Test(arguments: TSNE.GradientMethod.allCases)
    func irisMapIsAsTrustworthyAsScikitLearns(method: TSNE.GradientMethod) throws {
        let reference = try JSONFixture("manifold.json")["end_to_end"]["iris"]
        let x = try BundledDataset.iris.load().inputs
        let result = try TSNE(method: method).fit(x)
        let key = method == .exact ? "tsne_exact" : "tsne_barnes_hut"
        let trust = trustworthiness(x: x, embedding: result.embedding, k: 10)
        #expect(trust >= Double(reference[key].float) - 0.01, "trustworthiness \(trust)")
        #expect(result.klDivergence.isFinite && result.klDivergence > 0)
        #expect(result.learningRate == 50)  // max(150 / 12 / 4, 50)
    }

    @Test func sameSeedSameMapForAnyThreadCount() throws {
        let x = try BundledDataset.iris.load().inputs
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        Parallel.threadCount = 1
        let one = try TSNE(maxIterations: 300, initialization: .random, seed: 7).fit(x)
        Parallel.threadCount = 2
        let two = try TSNE(maxIterations: 300, initialization: .random, seed: 7).fit(x)
        #expect(one.embedding == two.embedding)
        #expect(one.klDivergence == two.klDivergence)
    }

    @Test func rejectsBadSettings() throws {
        let x = Tensor(shape: [10, 2], scalars: (0..<20).map { Float($0) })
        #expect(throws: ClassicError.self) { try TSNE().fit(x) }  // perplexity 30 ≥ 10 points
        #expect(throws: ClassicError.self) { try TSNE(components: 3, perplexity: 2).fit(x) }  // Barnes–Hut is 2-D
        #expect(throws: ClassicError.self) { try TSNE(perplexity: 2, maxIterations: 100).fit(x) }
    }
}
