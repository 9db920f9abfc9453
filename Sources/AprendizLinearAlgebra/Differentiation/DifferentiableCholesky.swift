import AprendizAutodiff
import AprendizTensor

extension LinearAlgebra {
    /// ``cholesky(_:)-(Tensor)`` on variables (Murray 2016, "Differentiation of the Cholesky decomposition";
    /// the form PyTorch uses).
    ///
    /// ```
    /// A = L·Lᵀ,   Ā = ½(S + Sᵀ),   S = L⁻ᵀ·Φ(Lᵀ·L̄)·L⁻¹
    /// Φ(X) = the lower triangle of X with its diagonal halved
    /// ```
    /// The gradient is the symmetric one (A is symmetric; only its lower triangle is read).
    /// First order: the VJP treats L as a constant.
    public static func cholesky(_ a: Variable) -> Variable {
        Variable.recording(cholesky(a.value), inputs: [a], operation: "cholesky") { g, l in
            let n = l.shape[l.shape.count - 1]
            var mask = [Float](repeating: 0, count: n * n)
            for i in 0..<n { for j in 0...i { mask[i * n + j] = i == j ? 0.5 : 1 } }
            let factor = l.value, upper = factor.transposed()
            let phi = upper.matmul(g.value) * Tensor(shape: [n, n], scalars: mask)
            let left = solve(upper, phi)                                   // L⁻ᵀ·Φ
            let s = solve(upper, left.transposed()).transposed()           // (L⁻ᵀ·(L⁻ᵀΦ)ᵀ)ᵀ = L⁻ᵀ·Φ·L⁻¹
            return [Variable((s + s.transposed()) * 0.5)]
        }
    }
}
