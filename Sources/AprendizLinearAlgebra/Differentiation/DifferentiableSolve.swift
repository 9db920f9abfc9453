import AprendizAutodiff
import AprendizTensor

extension LinearAlgebra {
    /// ``solve(_:_:)-(Tensor,Tensor)`` on variables, differentiable in both A and B (shapes as for tensors).
    ///
    /// ```
    /// X = A⁻¹·B,   B̄ = A⁻ᵀ·X̄ (a solve with Aᵀ),   Ā = −B̄·Xᵀ
    /// ```
    /// The VJP is written with variable operations, so it is differentiable again.
    public static func solve(_ a: Variable, _ b: Variable) -> Variable {
        let vectorRightHandSide = b.shape.count == 1
        return Variable.recording(solve(a.value, b.value), inputs: [a, b], operation: "solve") { g, x in
            if vectorRightHandSide {
                let gB = solve(a.transposed(), g.unsqueezed(axis: -1))               // [..., n, 1]
                let gA = -gB.matmul(x.unsqueezed(axis: -2))                           // −B̄·xᵀ
                return [gA, gB.squeezed(axis: -1).summed(toShape: b.shape)]
            }
            let gB = solve(a.transposed(), g)
            return [-gB.matmul(x, transposeOther: true), gB]
        }
    }

    /// ``inverse(_:)-(Tensor)`` on variables.
    ///
    /// ```
    /// Y = A⁻¹,   Ā = −Yᵀ·Ȳ·Yᵀ
    /// ```
    /// The VJP is written with variable operations, so it is differentiable again.
    public static func inverse(_ a: Variable) -> Variable {
        Variable.recording(inverse(a.value), inputs: [a], operation: "inverse") { g, y in
            [-y.transposed().matmul(g).matmul(y.transposed())]
        }
    }

    /// ``det(_:)-(Tensor)`` on variables (Jacobi's formula).
    ///
    /// ```
    /// d = det A,   Ā = d̄·d·A⁻ᵀ
    /// ```
    /// Needs a non-singular A (the gradient goes through A⁻¹). Differentiable again.
    public static func det(_ a: Variable) -> Variable {
        Variable.recording(det(a.value), inputs: [a], operation: "det") { g, d in
            [(g * d).unsqueezed(axis: -1).unsqueezed(axis: -1) * inverse(a).transposed()]
        }
    }

    /// log|det A| on variables: the differentiable part of ``slogdet(_:)`` (the sign is piecewise
    /// constant).
    ///
    /// ```
    /// ℓ = log|det A|,   Ā = ℓ̄·A⁻ᵀ
    /// ```
    /// Needs a non-singular A. Differentiable again.
    public static func logAbsDeterminant(_ a: Variable) -> Variable {
        Variable.recording(slogdet(a.value).logAbsDeterminant, inputs: [a], operation: "logAbsDeterminant") { g, _ in
            [g.unsqueezed(axis: -1).unsqueezed(axis: -1) * inverse(a).transposed()]
        }
    }
}
