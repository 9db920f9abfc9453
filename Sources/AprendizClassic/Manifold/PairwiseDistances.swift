import AprendizTensor

/// Squared Euclidean distances between the rows of a `[count, features]` matrix, in `Double`.
enum PairwiseDistances {
    /// All `n × n` squared distances ‖xᵢ − xⱼ‖², summed feature by feature in `Double` (exact t-SNE, small n).
    static func squared(_ x: Tensor) -> [Double] {
        let (n, p) = (x.shape[0], x.shape[1])
        var d = [Double](repeating: 0, count: n * n)
        x.withUnsafeBufferPointer { x in
            d.withUnsafeMutableBufferPointer { d in
                Parallel.forEach(n) { i in
                    for j in 0..<n where j != i { d[i * n + j] = squaredDistance(x, i, j, p) }
                }
            }
        }
        return d
    }

    /// ‖xᵢ − xⱼ‖² for rows i and j of the row-major `x` with `p` columns.
    @inline(__always)
    static func squaredDistance(_ x: UnsafeBufferPointer<Float>, _ i: Int, _ j: Int, _ p: Int) -> Double {
        var sum = 0.0
        for f in 0..<p { let t = Double(x[i * p + f]) - Double(x[j * p + f]); sum += t * t }
        return sum
    }

    /// Each row's `k` nearest other rows with their squared distances, from ``NearestNeighbors`` (squared
    /// Euclidean; exact distances in `Double`, ties to the lower index, as scikit-learn's brute force).
    static func nearestNeighbors(_ x: Tensor, k: Int) -> NeighborGraph {
        do {
            let found = try NearestNeighbors(metric: .squaredEuclidean).fit(x).kneighbors(k: k)
            return NeighborGraph(count: x.shape[0], k: k, indices: found.indices, squaredDistances: found.distances)
        } catch {
            // The callers validated x (finite [n, d], n > k): a failure here is a programming error.
            preconditionFailure("PairwiseDistances.nearestNeighbors: \(error)")
        }
    }
}
