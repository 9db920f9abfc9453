import AprendizAutodiff
import AprendizTensor

/// x·σ(β·x) with the stable sigmoid.
@usableFromInline package struct SwishKernel: UnaryKernel {
    /// β in x·σ(βx).
    @usableFromInline package let beta: Float
    /// A kernel with this β.
    @usableFromInline package init(beta: Float) { self.beta = beta }
    @inlinable package func callAsFunction(_ x: Float) -> Float { x * SigmoidKernel(scale: beta)(x) }
    @inlinable package func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> { x * SigmoidKernel(scale: beta)(x) }
}

/// Swish (§9.2, eqs. 9.6–9.7; Ramachandran, Zoph & Le 2017); with β = 1 it is the SiLU
/// (PyTorch's `silu`), with β = 1.702 the sigmoid approximation of GELU (eq. 9.3).
///
/// ```
/// swish(z)     = z·σ(βz)
/// swish′(z)    = β·swish(z) + σ(βz)(1 − β·swish(z))     (eq. 9.7 for β = 1)
/// ∂swish/∂β    = z²·σ(βz)(1 − σ(βz))
/// ```
/// - Parameter x: the pre-activation input.
/// - Parameter beta: the sharpness (default 1). Must be finite.
/// Smooth, non-monotonic, unbounded above; a drop-in replacement for ReLU in deep networks at the
/// price of a sigmoid per element.
public func swish(_ x: Variable, beta: Float = 1) -> Variable {
    require(beta.isFinite, "swish: beta must be finite, got \(beta)")
    return swishPrimitive(x, beta: beta, learnedBeta: nil)
}

/// Swish with a learnable β (a one-element variable); the gradient reaches β too.
public func swish(_ x: Variable, beta: Variable) -> Variable {
    require(beta.value.count == 1, "swish: beta must have one element, got shape \(beta.shape)")
    return swishPrimitive(x, beta: beta.value.scalars[0], learnedBeta: beta)
}

private func swishPrimitive(_ x: Variable, beta: Float, learnedBeta: Variable?) -> Variable {
    let inputs = [x] + (learnedBeta.map { [$0] } ?? [])
    return Variable.recording(x.value.mapped(SwishKernel(beta: beta)), inputs: inputs, operation: "swish") { g, y in
        let betaVariable = learnedBeta.map { $0.reshaped([]) } ?? Variable(Tensor(beta))
        let s = sigmoid(x * betaVariable)
        let betaY = y * betaVariable
        let gradInput = g * (betaY + s * (1 - betaY))
        guard let learnedBeta else { return [gradInput] }
        let gradBeta = (g * x * y * (1 - s)).sum().reshaped(learnedBeta.shape)
        return [gradInput, gradBeta]
    }
}

/// Swish as a layer (§9.2), with a fixed or learnable β; see ``swish(_:beta:)-(_,Float)``.
public final class Swish: Module {
    /// β as a one-element variable; it requires gradients (is a parameter) when learnable.
    public let beta: Variable

    /// - Parameters:
    ///   - beta: initial (or fixed) sharpness (default 1, the SiLU).
    ///   - learnable: whether β is trained with the other parameters (default false).
    public init(beta: Float = 1, learnable: Bool = false) {
        require(beta.isFinite, "Swish: beta must be finite, got \(beta)")
        self.beta = Variable(Tensor([beta]), requiresGradient: learnable, name: "beta")
        super.init()
    }

    public override func callAsFunction(_ input: Variable) -> Variable {
        beta.requiresGradient ? swish(input, beta: beta) : swish(input, beta: beta.value.scalars[0])
    }
}
