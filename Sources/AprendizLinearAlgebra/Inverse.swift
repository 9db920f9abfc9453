import AprendizTensor

extension LinearAlgebra {
    /// The inverse of square matrices (§4.2), by LU: the solution of A·X = I, like `numpy.linalg.inv`.
    ///
    /// ```
    /// A·A⁻¹ = A⁻¹·A = I
    /// ```
    /// Prefer ``solve(_:_:)-(Tensor,Tensor)`` to multiplying by an inverse: it is cheaper and more accurate.
    /// Batched over `[..., n, n]`.
    /// - Precondition: every A is non-singular.
    public static func inverse(_ a: Tensor) -> Tensor {
        let batch = MatrixBatch(a, "inverse", square: true)
        let n = batch.rows, identity = Tensor.eye(n).scalars
        return batch.map(shape: [n, n]) { matrix in
            guard let x = solveOne(matrix, n: n, identity, k: n) else { requirementFailed(.singularMatrix(operation: "inverse", shape: a.shape)) }
            return x
        }
    }

    /// The Moore–Penrose pseudo-inverse through the SVD (§4.5), like `numpy.linalg.pinv`.
    ///
    /// ```
    /// A⁺ = V·Σ⁺·Uᵀ,   Σ⁺ = diag(1/σᵢ if σᵢ > rcond·σ₀ else 0)
    /// ```
    /// A⁺·b is the minimum-norm least-squares solution of A·x ≈ b. Batched: `[..., m, n]` → `[..., n, m]`.
    /// - Parameter a: the matrix or batch of matrices, `[..., m, n]`.
    /// - Parameter relativeCondition: default `max(m, n)·ε`, ε = 2⁻²³ (float32).
    public static func pseudoInverse(_ a: Tensor, relativeCondition: Float? = nil) -> Tensor {
        let svd = svd(a)
        let m = a.shape[a.rank - 2], n = a.shape[a.rank - 1]
        let rcond = relativeCondition ?? Float(Swift.max(m, n)) * Float.ulpOfOne
        let inverted = invertedSingularValues(svd.singularValues, relativeCondition: rcond)
        return (svd.vt.transposed() * inverted.unsqueezed(axis: -2)).matmul(svd.u, transposeOther: true)
    }

    /// The numerical rank (§4.5): the number of singular values above the tolerance, like
    /// `numpy.linalg.matrix_rank`.
    ///
    /// ```
    /// rank A = #{ i : σᵢ > tolerance },   default tolerance = σ₀·max(m, n)·ε  (ε = 2⁻²³)
    /// ```
    /// Batched: `[..., m, n]` → `[...]` (float counts).
    public static func matrixRank(_ a: Tensor, tolerance: Float? = nil) -> Tensor {
        let s = singularValues(a)
        let m = a.shape[a.rank - 2], n = a.shape[a.rank - 1], k = Swift.min(m, n)
        if k == 0 { return Tensor.zeros(Array(a.shape.dropLast(2))) }
        let values = s.scalars
        var ranks: [Float] = []
        for start in stride(from: 0, to: values.count, by: Swift.max(1, k)) {
            let row = values[start..<(start + k)]
            let cutoff = tolerance ?? (row.first ?? 0) * Float(Swift.max(m, n)) * Float.ulpOfOne
            ranks.append(Float(row.filter { $0 > cutoff }.count))
        }
        return Tensor(shape: Array(a.shape.dropLast(2)), scalars: ranks)
    }

    /// 1/σᵢ where σᵢ > rcond·σ₀ (per matrix), else 0.
    static func invertedSingularValues(_ s: Tensor, relativeCondition: Float) -> Tensor {
        let k = s.shape.last ?? 0
        var values = s.scalars
        for start in stride(from: 0, to: values.count, by: Swift.max(1, k)) {
            let cutoff = relativeCondition * values[start]
            for i in start..<(start + k) { values[i] = values[i] > cutoff ? 1 / values[i] : 0 }
        }
        return Tensor(shape: s.shape, scalars: values)
    }
}
