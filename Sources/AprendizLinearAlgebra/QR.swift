import AprendizTensor

/// The reduced QR factorisation A = Q·R returned by ``LinearAlgebra/qr(_:)``.
public struct QRDecomposition: Sendable {
    /// Orthonormal columns, shape `[..., m, k]` with k = min(m, n).
    public let q: Tensor
    /// Upper triangular, shape `[..., k, n]`.
    public let r: Tensor
}

extension LinearAlgebra {
    /// The reduced QR factorisation of `[..., m, n]` matrices by Householder reflections (§4;
    /// `sgeqrf` + `sorgqr`, Golub & Van Loan Algorithm 5.2.1), like `numpy.linalg.qr(mode="reduced")`.
    ///
    /// ```
    /// A = Q·R,   QᵀQ = I (k×k),   Rᵢⱼ = 0 for i > j,   k = min(m, n)
    /// Hⱼ = I − τⱼ·vⱼ·vⱼᵀ,   R = Hₖ₋₁⋯H₀·A,   Q = H₀⋯Hₖ₋₁·[I; 0]
    /// ```
    /// Signs follow LAPACK (Rⱼⱼ = −sign(aⱼⱼ)·‖aⱼ‖ at step j), so Q and R match NumPy's.
    public static func qr(_ a: Tensor) -> QRDecomposition {
        let batch = MatrixBatch(a, "qr")
        let m = batch.rows, n = batch.columns, k = min(m, n)
        var q: [Float] = [], r: [Float] = []
        for index in 0..<batch.count {
            let matrix = batch.matrix(index)
            if let lapack = LinearAlgebraBackend.activeLAPACK {
                let factors = lapack.qr(matrix, rows: m, columns: n)
                q += factors.q; r += factors.r
            } else {
                let factors = swiftQR(matrix, rows: m, columns: n)
                q += factors.q.floats; r += factors.r.floats
            }
        }
        return QRDecomposition(q: Tensor(shape: batch.batchShape + [m, k], scalars: q),
                               r: Tensor(shape: batch.batchShape + [k, n], scalars: r))
    }
}
