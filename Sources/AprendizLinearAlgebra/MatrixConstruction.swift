import AprendizTensor

extension LinearAlgebra {
    /// The trace: the sum of the diagonal of the last two axes (§4), like
    /// `numpy.trace(a, axis1=-2, axis2=-1)`. Shape `[..., m, n]` → `[...]`.
    ///
    /// ```
    /// tr A = Σᵢ aᵢᵢ = Σᵢ λᵢ
    /// ```
    public static func trace(_ a: Tensor) -> Tensor {
        let batch = MatrixBatch(a, "trace", finite: false)
        let k = Swift.min(batch.rows, batch.columns)
        return batch.map(shape: []) { m in [(0..<k).reduce(Float(0)) { $0 + m[$1 * batch.columns + $1] }] }
    }

    /// NumPy's `diag`: for a vector, the square matrix with it on the diagonal; for a matrix
    /// (or a batch `[..., m, n]`), its main diagonal `[..., min(m, n)]`.
    ///
    /// ```
    /// diag(v)ᵢⱼ = vᵢ if i = j else 0        diag(A)ᵢ = aᵢᵢ
    /// ```
    public static func diag(_ a: Tensor) -> Tensor {
        if a.rank == 1 {
            let n = a.count
            var matrix = [Float](repeating: 0, count: n * n)
            for (i, v) in a.scalars.enumerated() { matrix[i * n + i] = v }
            return Tensor(shape: [n, n], scalars: matrix)
        }
        let batch = MatrixBatch(a, "diag", finite: false)
        let k = Swift.min(batch.rows, batch.columns)
        return batch.map(shape: [k]) { m in (0..<k).map { m[$0 * batch.columns + $0] } }
    }

    /// The outer product of two vectors (§4), like `numpy.outer`.
    ///
    /// ```
    /// (u ⊗ v)ᵢⱼ = uᵢ·vⱼ,   shape [m, n]
    /// ```
    public static func outer(_ u: Tensor, _ v: Tensor) -> Tensor {
        require(u.rank == 1 && v.rank == 1, "outer: expected two vectors, got shapes \(u.shape) and \(v.shape)")
        return u.reshaped([u.count, 1]) * v.reshaped([1, v.count])
    }

    /// The Kronecker product of two matrices (§4 tensors), like `numpy.kron`.
    ///
    /// ```
    /// (A ⊗ B)[i·p + k, j·q + l] = aᵢⱼ·bₖₗ,   A: m×n, B: p×q  →  mp×nq
    /// ```
    public static func kron(_ a: Tensor, _ b: Tensor) -> Tensor {
        require(a.rank == 2 && b.rank == 2, "kron: expected two matrices, got shapes \(a.shape) and \(b.shape)")
        let (m, n, p, q) = (a.shape[0], a.shape[1], b.shape[0], b.shape[1])
        // [m, 1, n, 1] · [1, p, 1, q] → [m, p, n, q] = the block layout, read row-major as [mp, nq].
        return (a.reshaped([m, 1, n, 1]) * b.reshaped([1, p, 1, q])).reshaped([m * p, n * q])
    }
}
