import AprendizTensor

extension LinearAlgebra {
    /// The solution X of A·X = B (§4.4), by LU factorisation with partial
    /// pivoting (`sgetrf`/`sgetrs`; Golub & Van Loan Algorithm 3.4.1 in the fallback).
    ///
    /// ```
    /// P·A = L·U,   L·Y = P·B,   U·X = Y
    /// ```
    /// - Parameters:
    ///   - a: square matrices, shape `[..., n, n]`.
    ///   - b: a vector of shape `[n]` (solved against every matrix of the batch), or right-hand sides
    ///     of shape `[..., n, k]` with the same batch shape as `a` (NumPy ≥ 2 rule).
    /// - Returns: X, shaped like `b` (with `a`'s batch dimensions for a vector `b`).
    /// - Precondition: every A is non-singular (an exactly zero pivot stops with a message).
    public static func solve(_ a: Tensor, _ b: Tensor) -> Tensor {
        solve(a, b, operation: "solve") { requirementFailed(.singularMatrix(operation: "solve", shape: a.shape)) }
    }

    /// ``solve(_:_:)-(Tensor,Tensor)`` for matrices that come from users or files: a singular matrix or non-finite
    /// input throws instead of stopping (shape mismatches still stop: they are programmer errors).
    public static func checkedSolve(_ a: Tensor, _ b: Tensor) throws(LinearAlgebraError) -> Tensor {
        guard isFinite(a), isFinite(b) else { throw .nonFinite(operation: "solve", shape: a.shape) }
        var singular = false
        let x = solve(a, b, operation: "solve") { singular = true }
        if singular { throw .singularMatrix(operation: "solve", shape: a.shape) }
        return x
    }

    /// The batched LU solve; `singular()` runs for each singular matrix, whose solution is left zero.
    private static func solve(_ a: Tensor, _ b: Tensor, operation: String, singular: () -> Void) -> Tensor {
        let (batch, rhs, vector) = rightHandSides(a, b, operation)
        let n = batch.rows, k = vector ? 1 : rhs.columns
        return batch.mapWithRightHandSides(rhs, vector: vector, shape: vector ? [n] : [n, k]) { matrix, columns in
            guard let x = solveOne(matrix, n: n, columns, k: k) else {
                singular()
                return [Float](repeating: 0, count: n * k)
            }
            return x
        }
    }

    /// The solution X of A·X = B for symmetric positive-definite A, through the Cholesky factor (§4.4)
    /// (`spotrf`/`spotrs`): half the work of ``solve(_:_:)-(Tensor,Tensor)`` and stable without pivoting.
    ///
    /// ```
    /// A = L·Lᵀ,   L·Y = B,   Lᵀ·X = Y
    /// ```
    /// Only the lower triangle of A is read. Shapes as in ``solve(_:_:)-(Tensor,Tensor)``.
    /// - Precondition: every A is positive definite.
    public static func solvePositiveDefinite(_ a: Tensor, _ b: Tensor) -> Tensor {
        let (batch, rhs, vector) = rightHandSides(a, b, "solvePositiveDefinite")
        let n = batch.rows, k = vector ? 1 : rhs.columns
        return batch.mapWithRightHandSides(rhs, vector: vector, shape: vector ? [n] : [n, k]) { matrix, columns in
            if let lapack = LinearAlgebraBackend.activeLAPACK {
                guard let x = lapack.solvePositiveDefinite(matrix, n: n, columns, columns: k) else {
                    requirementFailed(.notPositiveDefinite(operation: "solvePositiveDefinite", shape: a.shape))
                }
                return x
            }
            guard let l = swiftCholesky(matrix, n: n) else { requirementFailed(.notPositiveDefinite(operation: "solvePositiveDefinite", shape: a.shape)) }
            return swiftCholeskySolve(l, n: n, columns.map(Double.init), columns: k).floats
        }
    }

    /// One n×n system with k right-hand sides; nil when A is singular.
    static func solveOne(_ a: [Float], n: Int, _ b: [Float], k: Int) -> [Float]? {
        if let lapack = LinearAlgebraBackend.activeLAPACK { return lapack.solve(a, n: n, b, columns: k) }
        let lu = SwiftLU(a, n: n)
        return lu.isSingular ? nil : lu.solve(b, columns: k).floats
    }

    /// Checks `a` (square, finite) and `b` against it; a 1-D `b` is one right-hand side.
    static func rightHandSides(_ a: Tensor, _ b: Tensor, _ operation: String) -> (MatrixBatch, MatrixBatch, vector: Bool) {
        let batch = MatrixBatch(a, operation, square: true, finite: false)
        require(isFinite(a) && isFinite(b), LinearAlgebraError.nonFinite(operation: operation, shape: a.shape).errorDescription!)
        let vector = b.rank == 1
        let rhs = MatrixBatch(vector ? b.reshaped([b.count, 1]) : b, operation, finite: false)
        require(rhs.rows == batch.rows && (vector || rhs.batchShape == batch.batchShape),
                "\(operation): matrix of shape \(a.shape) does not match right-hand side of shape \(b.shape)")
        return (batch, rhs, vector)
    }
}

extension MatrixBatch {
    /// Runs `body(matrix, rightHandSides)` over the batch; a vector right-hand side is shared by all.
    func mapWithRightHandSides(_ rhs: MatrixBatch, vector: Bool, shape: [Int],
                               _ body: ([Float], [Float]) -> [Float]) -> Tensor {
        var scalars: [Float] = []
        for index in 0..<count { scalars += body(matrix(index), rhs.matrix(vector ? 0 : index)) }
        return Tensor(shape: batchShape + shape, scalars: scalars)
    }
}

/// Stops with the error's message (for the functions that treat it as a programmer error).
func requirementFailed(_ error: LinearAlgebraError) -> Never {
    require(false, error.errorDescription!)
    fatalError(error.errorDescription!)
}

/// Whether every element is finite.
func isFinite(_ t: Tensor) -> Bool {
    t.withUnsafeBufferPointer { buffer in
        // x − x is 0 for finite x and NaN otherwise; one sum over the buffer vectorises.
        var sum = SIMD8<Float>()
        var i = 0
        while i + 8 <= buffer.count {
            let x = UnsafeRawPointer(buffer.baseAddress! + i).loadUnaligned(as: SIMD8<Float>.self)
            sum += x - x
            i += 8
        }
        while i < buffer.count { sum[0] += buffer[i] - buffer[i]; i += 1 }
        return sum.sum() == 0
    }
}
