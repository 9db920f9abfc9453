import AprendizAutodiff
import AprendizTensor

/// x / (1 + |x|) on one or eight lanes.
@usableFromInline package struct SoftsignKernel: UnaryKernel {
    @usableFromInline package init() {}
    @inlinable package func callAsFunction(_ x: Float) -> Float { x / (1 + Swift.abs(x)) }
    @inlinable package func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> { x / (1 + VectorMath.absolute(x)) }
}

/// Softsign, the exponential-free sigmoidal (§7.5, eqs. 7.8–7.9; Elliott 1993).
///
/// ```
/// softsign(z)  = z / (1 + |z|)
/// softsign′(z) = 1 / (1 + |z|)²
/// ```
/// Range (−1, 1). Cheaper than tanh in the forward pass and saturates polynomially rather than
/// exponentially; its derivative cannot reuse the output, so the backward pass costs more.
public func softsign(_ x: Variable) -> Variable {
    Variable.recording(x.value.mapped(SoftsignKernel()), inputs: [x], operation: "softsign") { g, _ in
        [g / (x.abs() + 1).squared()]
    }
}

/// Softsign as a layer (§7.5); see ``softsign(_:)``.
public final class Softsign: Module {
    public override init() { super.init() }
    public override func callAsFunction(_ input: Variable) -> Variable { softsign(input) }
}
