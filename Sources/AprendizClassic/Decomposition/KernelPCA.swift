import AprendizLinearAlgebra
import AprendizTensor
import Foundation

/// Kernel principal component analysis (§16.4.1; Schölkopf, Smola & Müller 1998; scikit-learn 1.9's
/// `KernelPCA` with the dense eigensolver): PCA in the feature space of a kernel, through the n × n
/// Gram matrix of the training rows.
///
/// ```
/// Kᵢⱼ = k(xᵢ, xⱼ)
/// K̃  = K − 1ₙK − K1ₙ + 1ₙK1ₙ                   (centring in feature space; 1ₙ = the n × n matrix of 1/n)
/// K̃ = V·diag(λ)·Vᵀ,  the `componentCount` largest λ (negative round-off set to 0)
/// embedding of the training rows   zᵢ = (Vᵢⱼ·√λⱼ)ⱼ
/// ```
/// Each eigenvector's sign makes its largest-magnitude entry positive (scikit-learn's `svd_flip`), so
/// results agree with scikit-learn's up to sign only where that entry is tied. Kernels are computed in
/// `Double`, the eigendecomposition by `DoubleDecomposition` (LAPACK `dsyevd` when loaded): O(n²·p)
/// time for K, O(n³) for the eigenvectors, O(n²) memory. Defaults as scikit-learn: 2 components (its
/// default keeps every non-zero one), linear kernel, γ = 1/features, degree 3, coef0 1.
public struct KernelPCA: Equatable, Sendable {
    /// The estimator's name in error messages (`Estimator` requirement).
    public static let name = "KernelPCA"

    /// The kernel k(x, z) of the feature space.
    public enum KernelFunction: String, CaseIterable, Equatable, Sendable {
        /// k(x, z) = x·z (plain PCA, up to the scaling of the embedding).
        case linear
        /// k(x, z) = (γ x·z + coef0)^degree.
        case poly
        /// k(x, z) = exp(−γ‖x − z‖²).
        case rbf
        /// k(x, z) = x·z / (‖x‖‖z‖)   (0 for a zero row).
        case cosine
    }

    /// The number of components kept (default 2).
    public var componentCount: Int
    /// The kernel (default `.linear`).
    public var kernel: KernelFunction
    /// γ of the rbf and poly kernels; nil for 1/features (default).
    public var gamma: Double?
    /// The degree of the poly kernel (default 3).
    public var degree: Int
    /// The constant of the poly kernel (default 1).
    public var coef0: Double

    /// Validates and stores the hyper-parameters.
    public init(componentCount: Int = 2, kernel: KernelFunction = .linear, gamma: Double? = nil, degree: Int = 3,
                coef0: Double = 1) throws(ClassicError) {
        try checkHyperParameter(componentCount >= 1, Self.name, "componentCount", componentCount, "at least 1")
        if let gamma { try checkHyperParameter(gamma > 0 && gamma.isFinite, Self.name, "gamma", gamma, "a positive number") }
        try checkHyperParameter(degree >= 1, Self.name, "degree", degree, "at least 1")
        try checkHyperParameter(coef0.isFinite, Self.name, "coef0", coef0, "finite")
        (self.componentCount, self.kernel, self.gamma, self.degree, self.coef0) = (componentCount, kernel, gamma, degree, coef0)
    }

    /// Fits on the rows of `x` (`[n, features]`, n ≥ `componentCount`).
    public func fit(_ x: Tensor) throws(ClassicError) -> FittedKernelPCA {
        try InputValidation.features(x, for: Self.name)
        let n = x.shape[0]
        try checkHyperParameter(componentCount <= n, Self.name, "componentCount", componentCount, "at most the number of rows (\(n))")
        let rows = DenseMatrix(x)
        let map = KernelMap(function: kernel, gamma: gamma ?? 1 / Double(x.shape[1]), degree: degree, coef0: coef0)
        var gram = map.matrix(rows, rows)
        let columnMeans = (0..<n).map { j in (0..<n).reduce(0.0) { $0 + gram[$1 * n + j] } / Double(n) }
        let overall = columnMeans.reduce(0, +) / Double(n)
        for i in 0..<n { for j in 0..<n { gram[i * n + j] += overall - columnMeans[i] - columnMeans[j] } }
        let (values, vectors) = DoubleDecomposition.symmetricEigen(gram, n: n)
        let kept = (0..<componentCount).map { n - 1 - $0 }
        var eigenvectors = [Double](repeating: 0, count: n * componentCount)
        for (c, column) in kept.enumerated() {
            let largest = (0..<n).max { abs(vectors[$0 * n + column]) < abs(vectors[$1 * n + column]) }!
            let sign: Double = vectors[largest * n + column] < 0 ? -1 : 1
            for i in 0..<n { eigenvectors[i * componentCount + c] = sign * vectors[i * n + column] }
        }
        return FittedKernelPCA(map: map, training: rows, eigenvalues: kept.map { max(values[$0], 0) },
                               eigenvectors: eigenvectors, gramColumnMeans: columnMeans, gramMean: overall)
    }
}

/// A kernel with its parameters resolved, evaluated on `Double` rows.
struct KernelMap: Equatable, Sendable {
    let function: KernelPCA.KernelFunction
    let gamma: Double
    let degree: Int
    let coef0: Double

    /// k(aᵢ, bⱼ) for every row pair, row-major `[a.rows, b.rows]`, rows of a in parallel.
    func matrix(_ a: DenseMatrix, _ b: DenseMatrix) -> [Double] {
        let (m, n, p) = (a.rows, b.rows, a.columns)
        let normsA = norms(a), normsB = norms(b)
        var out = [Double](repeating: 0, count: m * n)
        out.withUnsafeMutableBufferPointer { buffer in
            let out = UncheckedBuffer(buffer)
            Parallel.forEach(m) { i in
                for j in 0..<n {
                    var dot = 0.0, squared = 0.0
                    for f in 0..<p {
                        let (u, v) = (a.values[i * p + f], b.values[j * p + f])
                        dot += u * v; squared += (u - v) * (u - v)
                    }
                    out[i * n + j] = value(dot: dot, squaredDistance: squared, normsA[i], normsB[j])
                }
            }
        }
        return out
    }

    private func value(dot: Double, squaredDistance: Double, _ normA: Double, _ normB: Double) -> Double {
        switch function {
        case .linear: dot
        case .poly: pow(gamma * dot + coef0, Double(degree))
        case .rbf: exp(-gamma * squaredDistance)
        case .cosine: normA > 0 && normB > 0 ? dot / (normA * normB) : 0
        }
    }

    private func norms(_ x: DenseMatrix) -> [Double] {
        (0..<x.rows).map { i in (0..<x.columns).reduce(0.0) { $0 + x.values[i * x.columns + $1] * x.values[i * x.columns + $1] }.squareRoot() }
    }
}
