import AprendizTensor

extension Variable {
    /// Matrix product (NumPy `matmul` shapes, batched with broadcasting).
    ///
    /// For C = op(A)·op(B): ∂L/∂op(A) = G·op(B)ᵀ and ∂L/∂op(B) = op(A)ᵀ·G, computed with the
    /// transposes passed to GEMM rather than materialised; broadcast batch axes are summed.
    public func matmul(_ other: Variable, transposeSelf: Bool = false, transposeOther: Bool = false) -> Variable {
        if shape.count == 1 || other.shape.count == 1 {
            let a = shape.count == 1 ? reshaped([1, shape[0]]) : self
            let b = other.shape.count == 1 ? other.reshaped([other.shape[0], 1]) : other
            let product = a.matmul(b, transposeSelf: shape.count == 1 ? false : transposeSelf,
                                   transposeOther: other.shape.count == 1 ? false : transposeOther)
            return product.reshaped(value.matmul(other.value, transposeSelf: transposeSelf, transposeOther: transposeOther).shape)
        }
        let a = self, b = other
        let tA = transposeSelf, tB = transposeOther
        return Variable.recording(a.value.matmul(b.value, transposeSelf: tA, transposeOther: tB),
                                  inputs: [a, b], operation: "matmul") { g, _ in
            let gradA = tA ? b.matmul(g, transposeSelf: tB, transposeOther: true) : g.matmul(b, transposeOther: !tB)
            let gradB = tB ? g.matmul(a, transposeSelf: true, transposeOther: tA) : a.matmul(g, transposeSelf: !tA)
            return [gradA.summed(toShape: a.shape), gradB.summed(toShape: b.shape)]
        }
    }
}
