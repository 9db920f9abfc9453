import AprendizAutodiff
import AprendizTensor

extension LinearAlgebra {
    /// ``eigh(_:)-(Tensor)`` on variables, for distinct eigenvalues (Giles 2008, "An extended collection of
    /// matrix derivative results for forward and reverse mode AD", §3.1).
    ///
    /// ```
    /// A = V·Λ·Vᵀ,   Ā = sym(V·(diag(Λ̄) + F ∘ (Vᵀ·V̄))·Vᵀ),   Fᵢⱼ = 1/(λⱼ − λᵢ) (i ≠ j), Fᵢᵢ = 0
    /// sym(X) = ½(X + Xᵀ)
    /// ```
    /// The gradient is the symmetric one. Repeated eigenvalues make F infinite (the eigenvectors are
    /// then not differentiable); a loss that depends on the vectors only through sign-invariant
    /// quantities (vᵢ·vᵢᵀ, |vᵢ|) gets a well-defined gradient. First order: the VJP treats V and Λ as
    /// constants.
    /// - Returns: eigenvalues `[..., n]` (ascending) and eigenvectors `[..., n, n]` (columns).
    public static func eigh(_ a: Variable) -> (eigenvalues: Variable, eigenvectors: Variable) {
        let decomposition = eigh(a.value)
        let values = decomposition.eigenvalues, vectors = decomposition.eigenvectors
        let n = values.shape.last!, batch = Array(values.shape.dropLast())
        // Both outputs travel in one node, [values | vectors flattened], and are sliced out of it.
        let packed = Tensor.concatenate([values, vectors.reshaped(batch + [n * n])], axis: -1)
        let node = Variable.recording(packed, inputs: [a], operation: "eigh") { g, _ in
            let gValues = g.value.slice(axis: -1, 0..<n)
            let gVectors = g.value.slice(axis: -1, n..<(n + n * n)).reshaped(batch + [n, n])
            let gap = values.unsqueezed(axis: -2) - values.unsqueezed(axis: -1)      // λⱼ − λᵢ
            let f = reciprocalOffDiagonal(gap)
            let inner = f * vectors.matmul(gVectors, transposeSelf: true) + diagonalMatrices(gValues)
            let gA = vectors.matmul(inner).matmul(vectors, transposeOther: true)
            return [Variable((gA + gA.transposed()) * 0.5)]
        }
        return (node.slice(axis: -1, 0..<n), node.slice(axis: -1, n..<(n + n * n)).reshaped(batch + [n, n]))
    }

    /// 1/x off the diagonal of the last two axes, 0 on it.
    static func reciprocalOffDiagonal(_ x: Tensor) -> Tensor {
        let n = x.shape.last!
        var values = x.scalars
        for index in values.indices {
            let i = (index / n) % n, j = index % n
            values[index] = i == j ? 0 : 1 / values[index]
        }
        return Tensor(shape: x.shape, scalars: values)
    }

    /// Square matrices with `v` (shape `[..., n]`) on their diagonals, shape `[..., n, n]`.
    static func diagonalMatrices(_ v: Tensor) -> Tensor {
        let n = v.shape.last!
        return v.unsqueezed(axis: -2) * Tensor.eye(n)
    }
}
