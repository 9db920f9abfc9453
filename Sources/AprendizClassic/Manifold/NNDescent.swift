import AprendizTensor
import Foundation

/// Approximate k-nearest-neighbour graph by NN-descent (Dong, Moses & Li 2011; the loop of pynndescent's
/// `nn_descent`): a neighbour of a neighbour is probably a neighbour.
///
/// ```
/// start       Bᵢ = k random other points
/// repeat      newᵢ / oldᵢ = Bᵢ's entries not yet / already joined, plus the reverse ones (≤ maxCandidates)
///             local join: for u ≠ v in newᵢ × (newᵢ ∪ oldᵢ): d(u, v) may enter B_u and B_v
/// until       fewer than δ·k·n updates, or `iterations`
/// ```
/// Distances are squared Euclidean in `Double`. The joins of each block of points run in parallel and
/// propose updates against a snapshot of the heaps; the proposals are applied in point order, and the
/// sampling of reverse candidates uses a hash of (seed, iteration, point, candidate), so the graph is the
/// same for any thread count. Deviations from pynndescent: random instead of random-projection-tree
/// starting neighbours (more iterations to converge), the same stopping rule (δ = 0.001).
struct NNDescent {
    let k: Int
    /// Candidates joined per point and iteration (umap-learn passes 60 to pynndescent; at least k here).
    var maxCandidates: Int
    /// The most iterations (pynndescent: max(5, round(log₂ n))).
    var iterations: Int
    /// Stop when an iteration makes fewer than δ·k·n updates.
    var delta = 0.001
    var seed: UInt64

    init(k: Int, count n: Int, seed: UInt64) {
        self.k = k
        maxCandidates = max(k, 60)
        iterations = max(5, Int(log2(Double(max(n, 1))).rounded()))
        self.seed = seed
    }

    /// One point's k best so far, ascending: indices, squared distances and whether each is new (not yet joined).
    struct Heap {
        var indices: [Int]
        var distances: [Double]
        var isNew: [Bool]

        /// Inserts j at distance d if it beats the worst and is not already there; returns whether it did.
        mutating func push(_ j: Int, _ d: Double) -> Bool {
            guard d < distances[distances.count - 1], !indices.contains(j) else { return false }
            let position = distances.firstIndex { $0 > d } ?? distances.count - 1
            indices.removeLast(); distances.removeLast(); isNew.removeLast()
            indices.insert(j, at: position); distances.insert(d, at: position); isNew.insert(true, at: position)
            return true
        }
    }

    /// The approximate graph of the rows of `x` (`[n, features]`, n > k).
    func graph(_ x: Tensor) -> NeighborGraph {
        let (n, p) = (x.shape[0], x.shape[1])
        return x.withUnsafeBufferPointer { rows in
            var heaps = initialHeaps(rows, n, p)
            for iteration in 0..<iterations {
                let (new, old) = candidates(&heaps, iteration: iteration)
                if join(rows, p, &heaps, new: new, old: old) < Int(delta * Double(k * n)) { break }
            }
            return NeighborGraph(count: n, k: k, indices: heaps.flatMap(\.indices), squaredDistances: heaps.flatMap(\.distances))
        }
    }

    private func initialHeaps(_ rows: UnsafeBufferPointer<Float>, _ n: Int, _ p: Int) -> [Heap] {
        var generator = RandomGenerator(seed: seed)
        return (0..<n).map { i in
            var chosen: [Int] = []
            while chosen.count < k {
                let j = Int(generator.next() % UInt64(n))
                if j != i && !chosen.contains(j) { chosen.append(j) }
            }
            let pairs = chosen.map { ($0, PairwiseDistances.squaredDistance(rows, i, $0, p)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            return Heap(indices: pairs.map(\.0), distances: pairs.map(\.1), isNew: [Bool](repeating: true, count: k))
        }
    }

    /// Each point's new and old candidates (its own, then the reverse ones), the new ones marked old in the heaps.
    private func candidates(_ heaps: inout [Heap], iteration: Int) -> (new: [[Int]], old: [[Int]]) {
        let n = heaps.count
        var new = [[Int]](repeating: [], count: n), old = [[Int]](repeating: [], count: n)
        for i in 0..<n {
            for (m, j) in heaps[i].indices.enumerated() {
                if heaps[i].isNew[m] { new[i].append(j); new[j].append(i) } else { old[i].append(j); old[j].append(i) }
                heaps[i].isNew[m] = false
            }
        }
        func sampled(_ list: [Int], _ i: Int) -> [Int] {
            let distinct = Array(Set(list))
            guard distinct.count > maxCandidates else { return distinct.sorted() }
            return distinct.sorted { priority(iteration, i, $0) < priority(iteration, i, $1) }.prefix(maxCandidates).sorted()
        }
        return ((0..<n).map { sampled(new[$0], $0) }, (0..<n).map { sampled(old[$0], $0) })
    }

    /// A pseudo-random priority of candidate j for point i (SplitMix64 of the mixed keys).
    private func priority(_ iteration: Int, _ i: Int, _ j: Int) -> UInt64 {
        var z = seed &+ UInt64(iteration) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(i) &* 0xBF58_476D_1CE4_E5B9 &+ UInt64(j) &* 0x94D0_49BB_1331_11EB
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The local join of every point; returns how many heap entries changed.
    private func join(_ rows: UnsafeBufferPointer<Float>, _ p: Int, _ heaps: inout [Heap], new: [[Int]], old: [[Int]]) -> Int {
        let n = heaps.count, blockSize = 256, blocks = (n + blockSize - 1) / blockSize
        let thresholds = heaps.map { $0.distances[k - 1] }
        var proposals = [[(Int, Int, Double)]](repeating: [], count: blocks)
        proposals.withUnsafeMutableBufferPointer { buffer in
            let out = UncheckedBuffer(buffer)
            Parallel.forEach(blocks) { block in
                var found: [(Int, Int, Double)] = []
                for i in (block * blockSize)..<min(n, (block + 1) * blockSize) {
                    for (a, u) in new[i].enumerated() {
                        for v in new[i][(a + 1)...] + old[i] where v != u {
                            let d = PairwiseDistances.squaredDistance(rows, u, v, p)
                            if d < thresholds[u] || d < thresholds[v] { found.append((u, v, d)) }
                        }
                    }
                }
                out[block] = found
            }
        }
        var updates = 0
        for block in proposals {
            for (u, v, d) in block {
                if heaps[u].push(v, d) { updates += 1 }
                if heaps[v].push(u, d) { updates += 1 }
            }
        }
        return updates
    }
}
