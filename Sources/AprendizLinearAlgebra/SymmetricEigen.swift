import AprendizTensor

/// Eigenvalues and eigenvectors of symmetric matrices, returned by ``LinearAlgebra/eigh(_:)-(Tensor)``.
public struct SymmetricEigendecomposition: Sendable {
    /// Eigenvalues in ascending order, shape `[..., n]`.
    public let eigenvalues: Tensor
    /// Orthonormal eigenvectors as columns (column j belongs to eigenvalue j), shape `[..., n, n]`.
    public let eigenvectors: Tensor
}

extension LinearAlgebra {
    /// Eigenvalues and eigenvectors of symmetric matrices (§4.4), like
    /// `numpy.linalg.eigh`: values ascending, vectors orthonormal.
    ///
    /// ```
    /// A = V·Λ·Vᵀ,   A·vⱼ = λⱼ·vⱼ,   VᵀV = I,   λ₀ ≤ λ₁ ≤ … ≤ λₙ₋₁
    /// ```
    /// Runs `ssyevd` (divide and conquer) or, in the fallback, the same algorithm in Double: blocked
    /// Householder tridiagonalisation (`dsytrd`), Cuppen's divide and conquer on the tridiagonal matrix
    /// (`dstedc`, implicit QL on blocks of at most 25 rows) and the blocked back-transformation
    /// (`dormtr`). Only the lower triangle of A is read.
    /// Each eigenvector is determined up to its sign (and, for repeated eigenvalues, up to a rotation
    /// within their eigenspace).
    public static func eigh(_ a: Tensor) -> SymmetricEigendecomposition {
        let batch = MatrixBatch(a, "eigh", square: true)
        let n = batch.rows
        var values: [Float] = [], vectors: [Float] = []
        for index in 0..<batch.count {
            let (w, v) = symmetricEigenOne(batch.matrix(index), n: n)
            values += w; vectors += v
        }
        return SymmetricEigendecomposition(eigenvalues: Tensor(shape: batch.batchShape + [n], scalars: values),
                                           eigenvectors: Tensor(shape: batch.batchShape + [n, n], scalars: vectors))
    }

    /// Eigenvalues (ascending) and eigenvectors (columns, row-major) of one symmetric matrix.
    static func symmetricEigenOne(_ a: [Float], n: Int) -> (values: [Float], vectors: [Float]) {
        if let lapack = LinearAlgebraBackend.activeLAPACK, let result = lapack.symmetricEigen(a, n: n) { return result }
        let (values, vectors) = swiftSymmetricEigen(a, n: n)
        return (values.floats, vectors.floats)
    }
}
