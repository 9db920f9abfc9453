import AprendizTensor
import Foundation

/// t-SNE's input affinities (§16.4.2; van der Maaten & Hinton 2008; scikit-learn's
/// `_binary_search_perplexity`, `_joint_probabilities`, `_joint_probabilities_nn`).
///
/// ```
/// p_{j|i} = exp(−β_i·d²_ij) / Σ_{k≠i} exp(−β_i·d²_ik),   β_i chosen so that
/// H(P_i) = −Σ_j p_{j|i} log p_{j|i} = log(perplexity)   (binary search, |ΔH| ≤ 1e-5, ≤ 100 steps)
/// p_ij = (p_{j|i} + p_{i|j}) / Σ_{k,l} (p_{l|k} + p_{k|l})
/// ```
/// The search starts at β = 1, doubles or halves it until the entropy is bracketed, then bisects — the
/// same steps as scikit-learn, so the σ_i = 1/√(2β_i) agree with it.
enum PerplexityCalibration {
    /// scikit-learn's `PERPLEXITY_TOLERANCE`.
    static let tolerance = 1e-5
    /// scikit-learn's `n_steps`.
    static let maximumSteps = 100

    /// Writes the conditional probabilities p_{j|i} for one point into `p`, given its squared distances
    /// `distances` to the candidates j (the point itself excluded by the caller).
    static func conditionalRow(_ distances: UnsafeBufferPointer<Double>, perplexity: Double,
                               into p: UnsafeMutableBufferPointer<Double>) {
        let desiredEntropy = log(perplexity)
        var (beta, betaMin, betaMax) = (1.0, -Double.infinity, Double.infinity)
        for _ in 0..<maximumSteps {
            var sum = 0.0
            for j in 0..<distances.count { p[j] = exp(-distances[j] * beta); sum += p[j] }
            if sum == 0 { sum = 1e-8 }
            var weightedDistance = 0.0
            for j in 0..<distances.count { p[j] /= sum; weightedDistance += distances[j] * p[j] }
            let entropyDifference = log(sum) + beta * weightedDistance - desiredEntropy
            if abs(entropyDifference) <= tolerance { break }
            if entropyDifference > 0 {
                betaMin = beta
                beta = betaMax == .infinity ? beta * 2 : (beta + betaMax) / 2
            } else {
                betaMax = beta
                beta = betaMin == -.infinity ? beta / 2 : (beta + betaMin) / 2
            }
        }
    }

    /// The `n × n` conditional matrix p_{j|i} (row i, zero diagonal) from the `n × n` squared distances.
    static func conditional(squaredDistances d: [Double], count n: Int, perplexity: Double) -> [Double] {
        var p = [Double](repeating: 0, count: n * n)
        p.withUnsafeMutableBufferPointer { p in
            d.withUnsafeBufferPointer { d in
                Parallel.forEach(n) { i in
                    // The row without its diagonal entry: the candidates are every other point.
                    var row = [Double](repeating: 0, count: n - 1), out = [Double](repeating: 0, count: n - 1)
                    for j in 0..<n where j != i { row[j < i ? j : j - 1] = d[i * n + j] }
                    row.withUnsafeBufferPointer { r in out.withUnsafeMutableBufferPointer { conditionalRow(r, perplexity: perplexity, into: $0) } }
                    for j in 0..<n where j != i { p[i * n + j] = out[j < i ? j : j - 1] }
                }
            }
        }
        return p
    }

    /// The symmetric joint probabilities of exact t-SNE: (P + Pᵀ)/Σ, each off-diagonal entry at least the
    /// machine epsilon (2⁻⁵²) as scikit-learn's `_joint_probabilities`.
    static func joint(squaredDistances d: [Double], count n: Int, perplexity: Double) -> [Double] {
        let c = conditional(squaredDistances: d, count: n, perplexity: perplexity)
        var p = [Double](repeating: 0, count: n * n), total = 0.0
        for i in 0..<n { for j in 0..<n where j != i { p[i * n + j] = c[i * n + j] + c[j * n + i]; total += p[i * n + j] } }
        total = max(total, Double.ulpOfOne)
        for i in 0..<n { for j in 0..<n where j != i { p[i * n + j] = max(p[i * n + j] / total, Double.ulpOfOne) } }
        return p
    }

    /// The sparse joint probabilities of Barnes–Hut t-SNE over the k-nearest-neighbour graph:
    /// p_{j|i} calibrated on each point's k neighbours, then P + Pᵀ normalised to sum 1
    /// (scikit-learn's `_joint_probabilities_nn`).
    static func joint(neighbors: NeighborGraph, perplexity: Double) -> SparseAffinities {
        let (n, k) = (neighbors.count, neighbors.k)
        var conditional = [Double](repeating: 0, count: n * k)
        conditional.withUnsafeMutableBufferPointer { c in
            neighbors.squaredDistances.withUnsafeBufferPointer { d in
                Parallel.forEach(n) { i in
                    conditionalRow(UnsafeBufferPointer(rebasing: d[(i * k)..<((i + 1) * k)]), perplexity: perplexity,
                                   into: UnsafeMutableBufferPointer(rebasing: c[(i * k)..<((i + 1) * k)]))
                }
            }
        }
        return SparseAffinities.symmetrized(count: n, k: k, indices: neighbors.indices, values: conditional)
    }
}
