import Aprendiz
@testable import AprendizClassic
import AprendizTestSupport
import Testing

/// NN-descent's approximate k-NN graph against the exact one (`NearestNeighbors`, itself checked against
/// scikit-learn in `NearestNeighborsTests`), and UMAP built on it against umap-learn's trustworthiness.
@Suite struct NNDescentTests {
    @Test func digitsGraphRecallsAlmostEveryExactNeighbour() throws {
        let x = try BundledDataset.digits.load().inputs
        let (n, k, p, values) = (x.shape[0], 10, x.shape[1], x.scalars)
        let exact = PairwiseDistances.nearestNeighbors(x, k: k)
        let approximate = NNDescent(k: k, count: n, seed: 0).graph(x)
        var hits = 0
        for i in 0..<n {
            let row = (i * k)..<((i + 1) * k)
            hits += Set(exact.indices[row]).intersection(approximate.indices[row]).count
            #expect(!approximate.indices[row].contains(i), "row \(i) lists itself")
            #expect(zip(approximate.squaredDistances[row].dropLast(), approximate.squaredDistances[row].dropFirst()).allSatisfy { $0 <= $1 })
            for (m, j) in approximate.indices[row].enumerated() {
                // Each reported distance is the true one.
                let d = (0..<p).reduce(0.0) { s, f in let t = Double(values[i * p + f]) - Double(values[j * p + f]); return s + t * t }
                #expect(approximate.squaredDistances[i * k + m] == d)
            }
        }
        // Seen: 0.996 (pynndescent reaches ≈ 0.99 on such data).
        #expect(Double(hits) / Double(n * k) >= 0.97, "recall \(Double(hits) / Double(n * k))")
    }

    @Test func sameSeedSameGraphForAnyThreadCount() throws {
        let x = try BundledDataset.iris.load().inputs
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        Parallel.threadCount = 1
        let one = NNDescent(k: 8, count: x.shape[0], seed: 5).graph(x)
        Parallel.threadCount = 2
        let two = NNDescent(k: 8, count: x.shape[0], seed: 5).graph(x)
        #expect(one.indices == two.indices && one.squaredDistances == two.squaredDistances)
    }

    /// Reference: trustworthiness (k = 10) of umap-learn's UMAP on iris (`Tools/fixtures/generate_manifold.py`).
    @Test func umapOnNNDescentIsAsTrustworthyAsUMAPLearns() throws {
        let reference = try JSONFixture("manifold.json")["end_to_end"]["iris"]["umap"].float
        let x = try BundledDataset.iris.load().inputs
        let map = try UMAP(nEpochs: 200, neighborSearch: .nnDescent).fit(x)
        let trust = trustworthiness(x: x, embedding: map, k: 10)
        #expect(trust >= Double(reference) - 0.01, "trustworthiness \(trust)")
    }
}
