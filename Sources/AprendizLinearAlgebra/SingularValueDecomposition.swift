import AprendizTensor

/// A = U·diag(σ)·Vᵀ, returned by ``LinearAlgebra/svd(_:full:)``.
public struct SingularValueDecomposition: Sendable {
    /// Left singular vectors as columns: `[..., m, k]` (thin) or `[..., m, m]` (full), k = min(m, n).
    public let u: Tensor
    /// Singular values, non-negative and descending, shape `[..., k]`.
    public let singularValues: Tensor
    /// Right singular vectors as rows: `[..., k, n]` (thin) or `[..., n, n]` (full).
    public let vt: Tensor
}

extension LinearAlgebra {
    /// The singular value decomposition (§4.5, the basis of PCA), like `numpy.linalg.svd`.
    ///
    /// ```
    /// A = U·Σ·Vᵀ,   UᵀU = I,   VᵀV = I,   Σ = diag(σ₀ ≥ σ₁ ≥ … ≥ σₖ₋₁ ≥ 0),   k = min(m, n)
    /// ```
    /// Runs `sgesdd` (divide and conquer) or, in the fallback, one-sided Jacobi rotations in Double
    /// (Hestenes 1958) started from A·V₀, V₀ the eigenvectors of AᵀA (see `swiftSVD`). Singular
    /// vectors are determined up to a common sign per pair (uⱼ, vⱼ).
    /// - Parameter a: the matrix or batch of matrices, `[..., m, n]`.
    /// - Parameter full: `false` (default) gives the thin factors U (m×k) and Vᵀ (k×n); `true` the
    ///   square U (m×m) and Vᵀ (n×n), NumPy's `full_matrices=True`.
    public static func svd(_ a: Tensor, full: Bool = false) -> SingularValueDecomposition {
        let batch = MatrixBatch(a, "svd")
        let m = batch.rows, n = batch.columns, k = min(m, n)
        var u: [Float] = [], s: [Float] = [], vt: [Float] = []
        for index in 0..<batch.count {
            let factors = svdOne(batch.matrix(index), rows: m, columns: n, full: full)
            u += factors.u; s += factors.singularValues; vt += factors.vt
        }
        return SingularValueDecomposition(u: Tensor(shape: batch.batchShape + [m, full ? m : k], scalars: u),
                                          singularValues: Tensor(shape: batch.batchShape + [k], scalars: s),
                                          vt: Tensor(shape: batch.batchShape + [full ? n : k, n], scalars: vt))
    }

    /// The singular values only, descending, shape `[..., min(m, n)]`.
    ///
    /// ```
    /// σᵢ(A) = √λᵢ(AᵀA)
    /// ```
    public static func singularValues(_ a: Tensor) -> Tensor { svd(a).singularValues }

    /// U, σ, Vᵀ of one row-major matrix.
    static func svdOne(_ a: [Float], rows m: Int, columns n: Int, full: Bool) -> (u: [Float], singularValues: [Float], vt: [Float]) {
        if m == 0 || n == 0 {
            let identityU = full ? Tensor.eye(m).scalars : [], identityV = full ? Tensor.eye(n).scalars : []
            return (identityU, [], identityV)
        }
        if let lapack = LinearAlgebraBackend.activeLAPACK, let result = lapack.svd(a, rows: m, columns: n, full: full) { return result }
        let (u, s, vt) = swiftSVD(a, rows: m, columns: n, full: full)
        return (u.floats, s.floats, vt.floats)
    }
}
