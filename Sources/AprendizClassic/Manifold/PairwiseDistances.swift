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

    /// Each row's `k` nearest other rows by brute force: candidates ranked by ‖xᵢ‖² + ‖xⱼ‖² − 2·xᵢ·xⱼ from a
    /// `Float` matrix product per block of rows, the chosen distances then recomputed exactly in `Double`.
    static func nearestNeighbors(_ x: Tensor, k: Int) -> NeighborGraph {
        let (n, p) = (x.shape[0], x.shape[1])
        let norms: [Float] = x.withUnsafeBufferPointer { x in
            (0..<n).map { i in var s: Float = 0; for f in 0..<p { s += x[i * p + f] * x[i * p + f] }; return s }
        }
        var indices = [Int](repeating: 0, count: n * k), distances = [Double](repeating: 0, count: n * k)
        let blockRows = 256
        for start in stride(from: 0, to: n, by: blockRows) {
            let rows = start..<min(start + blockRows, n)
            let products = x.slice(axis: 0, rows).matmul(x, transposeOther: true)
            products.withUnsafeBufferPointer { g in
                indices.withUnsafeMutableBufferPointer { indices in
                    Parallel.forEach(rows.count) { r in
                        let i = rows.lowerBound + r
                        var candidates = (0..<n).filter { $0 != i }.map { j in (norms[i] + norms[j] - 2 * g[r * n + j], j) }
                        candidates.sort { $0 < $1 }
                        for m in 0..<k { indices[i * k + m] = candidates[m].1 }
                    }
                }
            }
        }
        // Re-rank each row by the exact distances (the Float ranking can swap near-ties).
        x.withUnsafeBufferPointer { x in
            indices.withUnsafeMutableBufferPointer { indices in
                distances.withUnsafeMutableBufferPointer { distances in
                    Parallel.forEach(n) { i in
                        let row = (0..<k).map { m in (squaredDistance(x, i, indices[i * k + m], p), indices[i * k + m]) }.sorted { $0 < $1 }
                        for m in 0..<k { (distances[i * k + m], indices[i * k + m]) = row[m] }
                    }
                }
            }
        }
        return NeighborGraph(count: n, k: k, indices: indices, squaredDistances: distances)
    }
}
