import AprendizTensor

/// The result of ``LinearAlgebra/leastSquares(_:_:relativeCondition:)``, like `numpy.linalg.lstsq`.
public struct LeastSquaresSolution: Sendable {
    /// The minimum-norm X minimising ‖A·X − B‖, shape `[n]` or `[n, k]`.
    public let solution: Tensor
    /// Σᵢ (A·X − B)ᵢⱼ² per column of B (shape `[k]`, or `[1]` for a vector B) when A has full column
    /// rank n < m; empty (shape `[0]`) otherwise, as NumPy returns.
    public let residuals: Tensor
    /// The effective rank of A: the number of singular values above `relativeCondition·σ₀`.
    public let rank: Int
    /// The singular values of A, descending, shape `[min(m, n)]`.
    public let singularValues: Tensor
}

extension LinearAlgebra {
    /// The minimum-norm least-squares solution of A·X ≈ B (§4; the normal equations of linear
    /// regression without forming AᵀA), through the SVD (`sgelsd`; the fallback uses ``svd(_:full:)``
    /// in Double). Safe for rank-deficient and wide A.
    ///
    /// ```
    /// X = V·Σ⁺·Uᵀ·B,   Σ⁺ = diag(1/σᵢ if σᵢ > rcond·σ₀ else 0)
    /// ```
    /// - Parameters:
    ///   - a: one matrix, shape `[m, n]`.
    ///   - b: shape `[m]` or `[m, k]`.
    ///   - relativeCondition: singular values at or below `relativeCondition·σ₀` count as zero;
    ///     default `max(m, n)·ε` with ε = 2⁻²³ (float32), NumPy's `rcond=None`.
    public static func leastSquares(_ a: Tensor, _ b: Tensor, relativeCondition: Float? = nil) -> LeastSquaresSolution {
        require(a.rank == 2, "leastSquares: expected a matrix of shape [m, n], got shape \(a.shape)")
        let batch = MatrixBatch(a, "leastSquares")
        let m = batch.rows, n = batch.columns, vector = b.rank == 1
        require(b.rank <= 2 && b.shape.first == m,
                "leastSquares: matrix of shape \(a.shape) does not match right-hand side of shape \(b.shape)")
        let rhs = MatrixBatch(vector ? b.reshaped([m, 1]) : b, "leastSquares")
        let k = rhs.columns
        let rcond = relativeCondition ?? Float(max(m, n)) * Float.ulpOfOne
        let (x, rank, s) = leastSquaresOne(batch.matrix(0), rows: m, columns: n, rhs.matrix(0), columns: k, rcond: rcond)
        let solution = Tensor(shape: vector ? [n] : [n, k], scalars: x)
        var residuals = Tensor.zeros([0])
        if rank == n && m > n {
            let difference = a.matmul(solution.reshaped([n, k])) - b.reshaped([m, k])
            residuals = (difference * difference).sum(axes: [0])
        }
        return LeastSquaresSolution(solution: solution, residuals: residuals, rank: rank, singularValues: Tensor(s))
    }

    static func leastSquaresOne(_ a: [Float], rows m: Int, columns n: Int, _ b: [Float], columns k: Int,
                                rcond: Float) -> (solution: [Float], rank: Int, singularValues: [Float]) {
        if let lapack = LinearAlgebraBackend.activeLAPACK,
           let result = lapack.leastSquares(a, rows: m, columns: n, b, columns: k, rcond: rcond) { return result }
        let (u, s, vt) = swiftSVD(a, rows: m, columns: n, full: false)
        let r = s.count, cutoff = Double(rcond) * (s.first ?? 0)
        let rank = s.filter { $0 > cutoff }.count
        // X = Σᵢ<rank vᵢ·(uᵢᵀ·B)/σᵢ
        var x = [Double](repeating: 0, count: n * k)
        for i in 0..<rank {
            for j in 0..<k {
                var projection = 0.0
                for row in 0..<m { projection += u[row * r + i] * Double(b[row * k + j]) }
                projection /= s[i]
                for column in 0..<n { x[column * k + j] += vt[i * n + column] * projection }
            }
        }
        return (x.floats, rank, s.floats)
    }
}
