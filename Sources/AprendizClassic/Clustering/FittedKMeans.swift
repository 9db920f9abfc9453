import AprendizTensor

/// A fitted ``KMeans``: the centres, the training labels and inertia (scikit-learn's
/// `cluster_centers_`, `labels_`, `inertia_`, `n_iter_`).
///
/// ```
/// predict(x)ᵢ      = argminⱼ ‖xᵢ − cⱼ‖²
/// transform(x)ᵢⱼ   = ‖xᵢ − cⱼ‖
/// ```
public struct FittedKMeans: FittedTransform, Sendable {
    /// The cluster centres, `[k, features]`.
    public let centres: Tensor
    /// The cluster of each training row.
    public let labels: [Int]
    /// Σᵢ ‖xᵢ − c_ℓᵢ‖² on the training rows.
    public let inertia: Double
    /// Lloyd iterations of the kept run (mini-batch steps for ``MiniBatchKMeans``).
    public let iterations: Int

    /// The number of clusters k.
    public var clusterCount: Int { centres.shape[0] }

    /// The nearest centre of each row of `x` (`[count, features]`).
    public func predict(_ x: Tensor) -> [Int] {
        let d = squaredDistances(x), k = clusterCount
        return (0..<x.shape[0]).map { i in (0..<k).min { d[i * k + $0] < d[i * k + $1] }! }
    }

    /// The Euclidean distance of each row of `x` to each centre, `[count, k]`.
    public func transform(_ x: Tensor) -> Tensor {
        Tensor(shape: [x.shape[0], clusterCount], scalars: squaredDistances(x).map { Float(max($0, 0).squareRoot()) })
    }

    private func squaredDistances(_ x: Tensor) -> [Double] {
        let p = centres.shape[1], k = clusterCount
        require(x.rank == 2 && x.shape[1] == p, "FittedKMeans: expects [count, \(p)] rows, got \(x.shape)")
        let c = centres.scalars
        return x.withUnsafeBufferPointer { rows in
            (0..<(x.shape[0] * k)).map { index in
                let (i, j) = index.quotientAndRemainder(dividingBy: k)
                var sum = 0.0
                for f in 0..<p { let d = Double(rows[i * p + f]) - Double(c[j * p + f]); sum += d * d }
                return sum
            }
        }
    }
}
