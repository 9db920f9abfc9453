import AprendizLinearAlgebra
import AprendizTensor

/// Double-precision solutions from the float32 factorisations of ``LinearAlgebra`` by iterative refinement
/// (Higham, *Accuracy and Stability of Numerical Algorithms*, §12.1): the residual is computed in `Double`
/// and the correction solved again in `Float`, which converges to `Double` accuracy while
/// cond(A)·2⁻²⁴ < 1. The system is first equilibrated (unit diagonal, or unit column norms) so that the
/// float32 factorisation sees the best-conditioned version of it.
/// ```
/// x₀ = solve(A, b);   rₖ = b − A·xₖ (Double);   xₖ₊₁ = xₖ + solve(A, rₖ)
/// ```
enum RefinedSolve {
    /// Refinement steps after the first solve, at most (they stop once a correction is below 10⁻¹² of x).
    static let steps = 4

    /// x with A·x = b for a symmetric positive-definite `n × n` A (row-major), through the Cholesky
    /// factorisation of D⁻¹AD⁻¹, D = √diag(A).
    static func positiveDefinite(_ a: [Double], n: Int, _ b: [Double]) -> [Double] {
        let d = (0..<n).map { let v = a[$0 * n + $0]; return v > 0 ? v.squareRoot() : 1 }
        let scaled = Tensor(shape: [n, n], scalars: (0..<(n * n)).map { Float(a[$0] / (d[$0 / n] * d[$0 % n])) })
        let bScaled = (0..<n).map { b[$0] / d[$0] }
        // In the scaled variables y = D·x: (D⁻¹AD⁻¹)·y = D⁻¹b.
        var y = [Double](repeating: 0, count: n)
        for _ in 0...steps {
            var r = bScaled
            for i in 0..<n {
                var s = 0.0
                for j in 0..<n { s += a[i * n + j] / (d[i] * d[j]) * y[j] }
                r[i] -= s
            }
            let correction = LinearAlgebra.solvePositiveDefinite(scaled, Tensor(r.map(Float.init))).scalars.map(Double.init)
            for i in 0..<n { y[i] += correction[i] }
            if converged(correction, y) { break }
        }
        return (0..<n).map { y[$0] / d[$0] }
    }

    /// The least-squares x of X·x ≈ y through the normal equations when X is well conditioned, else nil
    /// (the caller then takes ``leastSquares(_:_:)``): the Gram matrix G = XᵀX (float64 BLAS `dsyrk`), scaled to
    /// unit diagonal, is factorised by Cholesky in `Double`; a pivot below 10⁻⁸ (cond(X) ≳ 10⁴, or a
    /// rank-deficient X) gives nil. The solution is then refined on the least-squares residual itself
    /// (semi-normal equations, Björck, *Numerical Methods for Least Squares Problems*, §2.2.4):
    /// ```
    /// x₀ = G⁻¹Xᵀy,   xₖ₊₁ = xₖ + G⁻¹Xᵀ(y − X·xₖ)
    /// ```
    /// which reaches the accuracy of an orthogonal factorisation for such X in one or two steps, at the
    /// cost of one pass over X for G and two per step (against the SVD's many).
    static func normalEquations(_ x: DenseMatrix, _ y: [Double]) -> [Double]? {
        let p = x.columns
        let gram = x.gram()
        let d = (0..<p).map { gram[$0 * p + $0].squareRoot() }
        guard d.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
        var factor = (0..<(p * p)).map { gram[$0] / (d[$0 / p] * d[$0 % p]) }
        guard choleskyInPlace(&factor, n: p, minimumPivot: 1e-8) else { return nil }
        var solution = [Double](repeating: 0, count: p)
        var residual = y
        for _ in 0...steps {
            let scaledRight = zip(x.transposeTimes(residual), d).map { $0 / $1 }
            let correction = zip(choleskySolve(factor, n: p, scaledRight), d).map { $0 / $1 }
            for j in 0..<p { solution[j] += correction[j] }
            if converged(correction, solution) { break }
            let predicted = x.times(solution)
            residual = zip(y, predicted).map { $0 - $1 }
        }
        return solution
    }

    /// The lower Cholesky factor L of the symmetric `n × n` A (row-major, in place, upper part left as is);
    /// false when a pivot Lⱼⱼ² falls below `minimumPivot` (A not safely positive definite).
    private static func choleskyInPlace(_ a: inout [Double], n: Int, minimumPivot: Double) -> Bool {
        for j in 0..<n {
            var pivot = a[j * n + j]
            for k in 0..<j { pivot -= a[j * n + k] * a[j * n + k] }
            guard pivot > minimumPivot else { return false }
            let l = pivot.squareRoot()
            a[j * n + j] = l
            for i in (j + 1)..<max(j + 1, n) {
                var s = a[i * n + j]
                for k in 0..<j { s -= a[i * n + k] * a[j * n + k] }
                a[i * n + j] = s / l
            }
        }
        return true
    }

    /// x with L·Lᵀ·x = b for the factor of ``choleskyInPlace(_:n:minimumPivot:)``.
    private static func choleskySolve(_ l: [Double], n: Int, _ b: [Double]) -> [Double] {
        var x = b
        for i in 0..<n {
            for k in 0..<i { x[i] -= l[i * n + k] * x[k] }
            x[i] /= l[i * n + i]
        }
        for i in (0..<n).reversed() {
            for k in (i + 1)..<max(i + 1, n) { x[i] -= l[k * n + i] * x[k] }
            x[i] /= l[i * n + i]
        }
        return x
    }

    /// The minimum-norm least-squares x of X·x ≈ y (safe when X is rank-deficient), on columns scaled to unit
    /// norm: one thin SVD X = UΣVᵀ (float32, ``LinearAlgebra/svd(_:full:)``), then every refinement step
    /// applies the same factors in `Double`,
    /// ```
    /// δ = V·Σ⁺·Uᵀ·r,   Σ⁺ = diag(1/σᵢ for σᵢ > max(m, n)·2⁻²³·σ₀, else 0)   (NumPy's lstsq cut-off)
    /// ```
    static func leastSquares(_ x: DenseMatrix, _ y: [Double]) -> (solution: [Double], rank: Int) {
        var norms = [Double](repeating: 0, count: x.columns)
        for i in 0..<x.rows { for j in 0..<x.columns { norms[j] += x.values[i * x.columns + j] * x.values[i * x.columns + j] } }
        norms = norms.map { $0 > 0 ? $0.squareRoot() : 1 }
        let scaled = Tensor(shape: [x.rows, x.columns], scalars: x.values.indices.map { Float(x.values[$0] / norms[$0 % x.columns]) })
        let svd = LinearAlgebra.svd(scaled)
        let u = DenseMatrix(svd.u), v = DenseMatrix(svd.vt).transposed(), sigma = svd.singularValues.scalars.map(Double.init)
        let cutoff = Double(max(x.rows, x.columns)) * Double(Float.ulpOfOne) * (sigma.first ?? 0)
        let inverse = sigma.map { $0 > cutoff ? 1 / $0 : 0 }
        var solution = [Double](repeating: 0, count: x.columns)
        for _ in 0...steps {
            let predicted = x.times(zip(solution, norms).map { $0 / $1 })
            let residual = zip(y, predicted).map { $0 - $1 }
            let correction = v.times(zip(u.transposeTimes(residual), inverse).map { $0 * $1 })
            for j in solution.indices { solution[j] += correction[j] }
            if converged(correction, solution) { break }
        }
        return (zip(solution, norms).map { $0 / $1 }, inverse.filter { $0 > 0 }.count)
    }

    /// Whether a correction no longer changes x (max |δ| ≤ 10⁻¹²·max |x|).
    private static func converged(_ correction: [Double], _ x: [Double]) -> Bool {
        (correction.map(abs).max() ?? 0) <= 1e-12 * (x.map(abs).max() ?? 0)
    }
}
