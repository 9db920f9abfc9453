import AprendizTensor

extension LinearAlgebra {
    /// The lower-triangular Cholesky factor L of a symmetric positive-definite matrix (§4.4;
    /// `spotrf`, or in the fallback Golub & Van Loan Algorithm 4.2.1 blocked right-looking like
    /// `dpotrf`), like `numpy.linalg.cholesky`.
    ///
    /// ```
    /// A = L·Lᵀ,   Lⱼⱼ = √(Aⱼⱼ − Σₖ<ⱼ Lⱼₖ²),   Lᵢⱼ = (Aᵢⱼ − Σₖ<ⱼ Lᵢₖ·Lⱼₖ) / Lⱼⱼ  (i > j)
    /// ```
    /// Only the lower triangle of A is read; the upper triangle of L is zero. Batched over `[..., n, n]`.
    /// - Precondition: every A is positive definite.
    public static func cholesky(_ a: Tensor) -> Tensor {
        let batch = MatrixBatch(a, "cholesky", square: true)
        let n = batch.rows
        return batch.map(shape: [n, n]) { matrix in
            guard let l = choleskyOne(matrix, n: n) else { requirementFailed(.notPositiveDefinite(operation: "cholesky", shape: a.shape)) }
            return l
        }
    }

    /// ``cholesky(_:)-(Tensor)`` for matrices that come from users or files (e.g. a covariance read from a
    /// file): a matrix that is not positive definite, or non-finite input, throws instead of stopping.
    public static func checkedCholesky(_ a: Tensor) throws(LinearAlgebraError) -> Tensor {
        guard isFinite(a) else { throw .nonFinite(operation: "cholesky", shape: a.shape) }
        let batch = MatrixBatch(a, "cholesky", square: true)
        let n = batch.rows
        var failed = false
        let l = batch.map(shape: [n, n]) { matrix in
            if let l = choleskyOne(matrix, n: n) { return l }
            failed = true
            return [Float](repeating: 0, count: n * n)
        }
        if failed { throw .notPositiveDefinite(operation: "cholesky", shape: a.shape) }
        return l
    }

    /// The factor of one matrix; nil when it is not positive definite.
    static func choleskyOne(_ a: [Float], n: Int) -> [Float]? {
        if let lapack = LinearAlgebraBackend.activeLAPACK { return lapack.cholesky(a, n: n) }
        return swiftCholesky(a, n: n)?.floats
    }
}
