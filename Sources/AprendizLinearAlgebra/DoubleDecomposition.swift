import AprendizTensor

/// Float64 symmetric eigendecomposition and SVD for the modules that need full precision (the
/// classic estimators: PCA's explained-variance ratios and components are compared with
/// scikit-learn's float64 ones): LAPACK's `dsyevd_` / `dgesdd_` from the loaded BLAS library when it
/// has them (OpenBLAS does, see ``DoubleLAPACK``), else the same Swift fallbacks as the float32 API
/// (``swiftSymmetricEigen(_:n:)``: Householder tridiagonalisation + implicit QL;
/// ``swiftSVD(_:rows:columns:full:)``: one-sided Jacobi), which compute in Double anyway.
/// Matrices are row-major `[Double]`.
package enum DoubleDecomposition {
    /// Eigenvalues ascending and eigenvectors as the columns of the row-major `n × n` result, of the
    /// symmetric matrix `a` (`n × n`, row-major; only its lower triangle is read).
    ///
    /// ```
    /// A = V·diag(λ)·Vᵀ,   VᵀV = I,   λ₀ ≤ … ≤ λₙ₋₁
    /// ```
    package static func symmetricEigen(_ a: [Double], n: Int) -> (values: [Double], vectors: [Double]) {
        require(a.count == n * n, "DoubleDecomposition.symmetricEigen: \(a.count) values for a \(n)×\(n) matrix")
        if let lapack = DoubleLAPACK.shared, let result = lapack.symmetricEigen(a, n: n) { return result }
        return swiftSymmetricEigen(a, n: n)
    }

    /// The thin SVD of the row-major `m × n` matrix `a`: U (`m × k`), σ descending (`k`), Vᵀ (`k × n`),
    /// k = min(m, n).
    ///
    /// ```
    /// A = U·diag(σ)·Vᵀ
    /// ```
    package static func svd(_ a: [Double], rows m: Int, columns n: Int) -> (u: [Double], singularValues: [Double], vt: [Double]) {
        require(a.count == m * n, "DoubleDecomposition.svd: \(a.count) values for a \(m)×\(n) matrix")
        if m == 0 || n == 0 { return ([], [], []) }
        if let lapack = DoubleLAPACK.shared, let result = lapack.svd(a, rows: m, columns: n) { return result }
        return swiftSVD(a, rows: m, columns: n, full: false)
    }

    /// The transpose of a row-major `rows × columns` matrix.
    package static func transposed(_ a: [Double], rows: Int, columns: Int) -> [Double] {
        transpose(a, rows: rows, columns: columns)
    }
}
