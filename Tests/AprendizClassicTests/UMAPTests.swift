import Aprendiz
@testable import AprendizClassic
import AprendizTestSupport
import Testing

@Suite struct UMAPTests {
    /// Reference: umap-learn `find_ab_params(spread, min_dist)` (SciPy curve_fit; Tools/fixtures/generate_manifold.py).
    @Test func curveParametersMatchUMAPLearn() throws {
        for case_ in try JSONFixture("manifold.json")["umap_ab"].array {
            let curve = UMAPCurve(spread: Double(case_["spread"].float), minDist: Double(case_["min_dist"].float))
            #expect(abs(curve.a - Double(case_["a"].float)) <= 1e-4 * abs(Double(case_["a"].float)), "a = \(curve.a)")
            #expect(abs(curve.b - Double(case_["b"].float)) <= 1e-4 * abs(Double(case_["b"].float)), "b = \(curve.b)")
        }
    }

    /// Reference: umap-learn `fuzzy_simplicial_set` (exact neighbours below 4 096 points), σ and ρ.
    @Test func fuzzySetMatchesUMAPLearn() throws {
        let fixture = try JSONFixture("manifold.json")
        let points = fixture["perplexity"], reference = fixture["fuzzy"]
        let x = Tensor(shape: [points["rows"].int, points["columns"].int], scalars: points["x"].floats)
        let umap = UMAP(nNeighbors: reference["n_neighbors"].int)
        let graph = umap.fuzzyGraph(x).dense
        let expected = reference["graph"].floats
        let worst = zip(graph, expected).map { abs($0 - Double($1)) }.max() ?? 0
        #expect(worst < 1e-5, "largest deviation \(worst)")
    }

    /// Reference: trustworthiness (k = 10) of umap-learn's UMAP (defaults, random_state 0) on iris; ours may be
    /// at most 0.01 below.
    @Test func irisMapIsAsTrustworthyAsUMAPLearns() throws {
        let reference = try JSONFixture("manifold.json")["end_to_end"]["iris"]["umap"].float
        let x = try BundledDataset.iris.load().inputs
        let map = try UMAP(nEpochs: 200).fit(x)
        let trust = trustworthiness(x: x, embedding: map, k: 10)
        #expect(trust >= Double(reference) - 0.01, "trustworthiness \(trust)")
    }

    @Test func sameSeedSameMapForAnyThreadCount() throws {
        let x = try BundledDataset.iris.load().inputs
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        Parallel.threadCount = 1
        let one = try UMAP(nEpochs: 50, seed: 3).fit(x)
        Parallel.threadCount = 2
        let two = try UMAP(nEpochs: 50, seed: 3).fit(x)
        #expect(one == two)
    }

    @Test func rejectsBadSettings() {
        let x = Tensor(shape: [10, 2], scalars: (0..<20).map { Float($0) })
        #expect(throws: ClassicError.self) { try UMAP().fit(x) }  // 15 neighbours of 10 points
        #expect(throws: ClassicError.self) { try UMAP(nNeighbors: 3, minDist: 2).fit(x) }
    }
}
