import AprendizTensor

/// How well a low-dimensional map keeps each point's neighbourhood (Venna & Kaski 2001; scikit-learn's
/// `sklearn.manifold.trustworthiness`, Euclidean metric), in [0, 1], 1 when no point gains intruders:
///
/// ```
/// T(k) = 1 − 2/(n·k·(2n − 3k − 1)) · Σᵢ Σ_{j ∈ Nₖᵉ(i)} max(0, r(i, j) − k)
/// ```
/// Nₖᵉ(i) are the k nearest neighbours of i in the embedding and r(i, j) is j's rank among i's neighbours
/// in the input space (1 for the nearest). Input distances are summed in `Double`; ties rank by index.
/// Rows are spread over the `Parallel` pool (O(n²·features) work).
/// - Precondition: `x` is `[n, features]`, `embedding` is `[n, components]` and k < n/2.
public func trustworthiness(x: Tensor, embedding: Tensor, k: Int = 5) -> Double {
    require(x.rank == 2 && embedding.rank == 2 && x.shape[0] == embedding.shape[0],
            "trustworthiness: x \(x.shape) and embedding \(embedding.shape) must be matrices with the same number of rows")
    let n = x.shape[0]
    require(k >= 1 && Double(k) < Double(n) / 2, "trustworthiness: k = \(k) must be in 1..<n/2 (n = \(n))")
    var penalties = [Double](repeating: 0, count: n)
    x.withUnsafeBufferPointer { x in
        embedding.withUnsafeBufferPointer { e in
            penalties.withUnsafeMutableBufferPointer { penalties in
                Parallel.forEach(n) { i in
                    let input = squaredDistances(from: i, in: x, columns: x.count / n)
                    let mapped = squaredDistances(from: i, in: e, columns: e.count / n)
                    let neighbors = (0..<n).filter { $0 != i }.sorted { (mapped[$0], $0) < (mapped[$1], $1) }.prefix(k)
                    var penalty = 0.0
                    for j in neighbors {
                        // Rank of j among i's input-space neighbours (ties broken by index, like a stable argsort).
                        var rank = 1
                        for l in 0..<n where l != i && l != j && (input[l] < input[j] || (input[l] == input[j] && l < j)) { rank += 1 }
                        penalty += Double(max(0, rank - k))
                    }
                    penalties[i] = penalty
                }
            }
        }
    }
    let total = penalties.reduce(0, +)
    let (nd, kd) = (Double(n), Double(k))
    return 1 - total * 2 / (nd * kd * (2 * nd - 3 * kd - 1))
}

/// ‖row i − row j‖² for every j of the row-major matrix `data`, in `Double`.
private func squaredDistances(from i: Int, in data: UnsafeBufferPointer<Float>, columns p: Int) -> [Double] {
    let n = data.count / max(p, 1)
    return (0..<n).map { j in
        var sum = 0.0
        for f in 0..<p { let t = Double(data[i * p + f]) - Double(data[j * p + f]); sum += t * t }
        return sum
    }
}
