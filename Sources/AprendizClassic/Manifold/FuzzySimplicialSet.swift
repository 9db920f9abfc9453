import Foundation

/// UMAP's high-dimensional fuzzy graph (McInnes, Healy & Melville 2018, §3.1; umap-learn's
/// `smooth_knn_dist`, `compute_membership_strengths`, `fuzzy_simplicial_set`).
///
/// ```
/// ρᵢ = distance to the nearest neighbour at nonzero distance
/// σᵢ: Σ_{j=1…k−1} exp(−max(0, dᵢⱼ − ρᵢ)/σᵢ) = log₂ k      (binary search, 64 steps, |Δ| < 1e-5)
///     then at least 10⁻³ × the mean distance to the k neighbours
/// vᵢⱼ = exp(−max(0, dᵢⱼ − ρᵢ)/σᵢ),   w = v + vᵀ − v∘vᵀ    (fuzzy union, set_op_mix_ratio 1)
/// ```
/// The k neighbours include the point itself (distance 0, weight 0), as in umap-learn.
enum FuzzySimplicialSet {
    /// The symmetric membership strengths, and σ and ρ of each point, from a neighbour graph whose first
    /// column is each point itself (Euclidean distances, not squared).
    static func graph(neighbors: [Int], distances: [Double], count n: Int, k: Int)
        -> (graph: SparseAffinities, sigmas: [Double], rhos: [Double]) {
        var (sigmas, rhos) = ([Double](repeating: 0, count: n), [Double](repeating: 0, count: n))
        let meanDistance = distances.reduce(0, +) / Double(max(distances.count, 1))
        let target = log2(Double(k))
        for i in 0..<n {
            let row = distances[(i * k)..<((i + 1) * k)]
            rhos[i] = row.first { $0 > 0 } ?? 0
            var (low, high, mid) = (0.0, Double.infinity, 1.0)
            for _ in 0..<64 {
                var sum = 0.0
                for d in row.dropFirst() { sum += d - rhos[i] > 0 ? exp(-(d - rhos[i]) / mid) : 1 }
                if abs(sum - target) < 1e-5 { break }
                if sum > target { high = mid; mid = (low + high) / 2 } else { low = mid; mid = high == .infinity ? mid * 2 : (low + high) / 2 }
            }
            let floor = 1e-3 * (rhos[i] > 0 ? row.reduce(0, +) / Double(k) : meanDistance)
            sigmas[i] = max(mid, floor)
        }
        var memberships = [Double](repeating: 0, count: n * k)
        for i in 0..<n {
            for m in 0..<k where neighbors[i * k + m] != i {
                let excess = distances[i * k + m] - rhos[i]
                memberships[i * k + m] = excess <= 0 || sigmas[i] == 0 ? 1 : exp(-excess / sigmas[i])
            }
        }
        let graph = SparseAffinities.combined(count: n, k: k, indices: neighbors, values: memberships) { $0 + $1 - $0 * $1 }
        return (graph, sigmas, rhos)
    }
}
