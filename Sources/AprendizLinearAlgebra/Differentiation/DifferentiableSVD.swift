import AprendizAutodiff
import AprendizTensor

extension LinearAlgebra {
    /// The thin ``svd(_:full:)`` on variables, for distinct non-zero singular values (Townsend 2016,
    /// "Differentiating the Singular Value Decomposition"; the form PyTorch uses for real matrices).
    ///
    /// ```
    /// A = U·S·Vᵀ (thin, k = min(m, n)),   Fᵢⱼ = 1/(σⱼ² − σᵢ²) (i ≠ j), Fᵢᵢ = 0
    /// Ā = U·[(F ∘ (UᵀŪ − ŪᵀU))·S + diag(S̄) + S·(F ∘ (VᵀV̄ − V̄ᵀV))]·Vᵀ
    ///   + (Iₘ − UUᵀ)·Ū·S⁻¹·Vᵀ + U·S⁻¹·V̄ᵀ·(Iₙ − VVᵀ)
    /// ```
    /// Singular vectors are determined up to a common sign per pair, so a loss should use them only
    /// through sign-invariant quantities (uᵢ·vᵢᵀ, |uᵢ|); equal singular values make F infinite.
    /// First order: the VJP treats U, S, V as constants.
    /// - Returns: U `[..., m, k]`, singular values `[..., k]` (descending), Vᵀ `[..., k, n]`.
    public static func svd(_ a: Variable) -> (u: Variable, singularValues: Variable, vt: Variable) {
        let svd = svd(a.value)
        let u = svd.u, s = svd.singularValues, vt = svd.vt
        let m = u.shape[u.shape.count - 2], k = s.shape.last!, n = vt.shape.last!
        let batch = Array(s.shape.dropLast())
        let sizes = [m * k, k, k * n]
        let packed = Tensor.concatenate([u.reshaped(batch + [m * k]), s, vt.reshaped(batch + [k * n])], axis: -1)
        let node = Variable.recording(packed, inputs: [a], operation: "svd") { g, _ in
            let parts = g.value.split(sizes: sizes, axis: -1)
            let gU = parts[0].reshaped(batch + [m, k]), gS = parts[1], gV = parts[2].reshaped(batch + [k, n]).transposed()
            let v = vt.transposed()
            let squares = s * s
            let f = reciprocalOffDiagonal(squares.unsqueezed(axis: -2) - squares.unsqueezed(axis: -1))
            let uTgU = u.matmul(gU, transposeSelf: true), vTgV = v.matmul(gV, transposeSelf: true)
            let j = f * (uTgU - uTgU.transposed()), kk = f * (vTgV - vTgV.transposed())
            let row = s.unsqueezed(axis: -2), column = s.unsqueezed(axis: -1)
            let inner = j * row + diagonalMatrices(gS) + column * kk
            var gA = u.matmul(inner).matmul(vt)
            // The parts of Ū and V̄ outside the spans of U and V (zero for square A).
            let gUOutside = gU - u.matmul(uTgU)
            gA = gA + (gUOutside / row).matmul(vt)
            let gVtOutside = gV.transposed() - vTgV.transposed().matmul(vt)
            gA = gA + u.matmul(gVtOutside / column)
            return [Variable(gA)]
        }
        let pieces = node.split(sizes: sizes, axis: -1)
        return (pieces[0].reshaped(batch + [m, k]), pieces[1], pieces[2].reshaped(batch + [k, n]))
    }
}
