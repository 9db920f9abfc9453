import AprendizTensor

/// A fitted ``KernelPCA`` (scikit-learn's `eigenvalues_`, `eigenvectors_`, `X_fit_` and its
/// `KernelCenterer`): embeds new rows by centring their kernel values against the training rows the
/// way K̃ was centred.
///
/// ```
/// kᵢⱼ = k(xᵢ, x⁽ᵗʳᵃⁱⁿ⁾ⱼ)
/// k̃ᵢⱼ = kᵢⱼ − k̄ⱼ − (1/n)Σₗ kᵢₗ + k̿           (k̄ⱼ: column means of the training K, k̿ their mean)
/// transform(x)ᵢ = k̃ᵢ·V·diag(1/√λ)             (columns with λ = 0 give 0)
/// ```
/// On the training rows `transform` equals ``embedding`` up to rounding.
public struct FittedKernelPCA: FittedTransform, Sendable {
    let map: KernelMap
    let training: DenseMatrix
    /// The kept eigenvalues λ of the centred Gram matrix, descending.
    public let eigenvalues: [Double]
    /// The eigenvectors V as columns, row-major `[n, componentCount]`.
    public let eigenvectors: [Double]
    let gramColumnMeans: [Double]
    let gramMean: Double

    init(map: KernelMap, training: DenseMatrix, eigenvalues: [Double], eigenvectors: [Double], gramColumnMeans: [Double], gramMean: Double) {
        (self.map, self.training, self.eigenvalues, self.eigenvectors) = (map, training, eigenvalues, eigenvectors)
        (self.gramColumnMeans, self.gramMean) = (gramColumnMeans, gramMean)
    }

    /// The number of components.
    public var componentCount: Int { eigenvalues.count }

    /// The training rows' coordinates Vᵢⱼ·√λⱼ, `[n, componentCount]` (scikit-learn's `fit_transform`).
    public var embedding: Tensor {
        let c = componentCount
        return Tensor(shape: [training.rows, c], scalars: eigenvectors.indices.map { Float(eigenvectors[$0] * eigenvalues[$0 % c].squareRoot()) })
    }

    /// The coordinates of the rows of `x` (`[count, features]`): `[count, componentCount]`.
    public func transform(_ x: Tensor) -> Tensor {
        require(x.rank == 2 && x.shape[1] == training.columns, "FittedKernelPCA.transform: expects [count, \(training.columns)], got \(x.shape)")
        let (m, n, c) = (x.shape[0], training.rows, componentCount)
        let k = map.matrix(DenseMatrix(x), training)
        let scale = eigenvalues.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
        var out = [Float](repeating: 0, count: m * c)
        for i in 0..<m {
            let rowMean = (0..<n).reduce(0.0) { $0 + k[i * n + $1] } / Double(n)
            var sums = [Double](repeating: 0, count: c)
            for j in 0..<n {
                let centred = k[i * n + j] - gramColumnMeans[j] - rowMean + gramMean
                for a in 0..<c { sums[a] += centred * eigenvectors[j * c + a] }
            }
            for a in 0..<c { out[i * c + a] = Float(sums[a] * scale[a]) }
        }
        return Tensor(shape: [m, c], scalars: out)
    }
}
