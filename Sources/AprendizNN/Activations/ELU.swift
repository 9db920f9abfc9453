import AprendizAutodiff
import AprendizTensor
import Foundation

/// scale·z for z > 0 and scale·α(eᶻ − 1) otherwise (ELU with scale 1, SELU with scale λ).
@usableFromInline package struct ELUKernel: UnaryKernel {
    /// α (negative saturation) and the overall scale λ (1 for ELU, SELU's constant for SELU).
    @usableFromInline package let alpha: Float, scale: Float
    /// A kernel with these constants.
    @usableFromInline package init(alpha: Float, scale: Float = 1) { self.alpha = alpha; self.scale = scale }
    @inlinable package func callAsFunction(_ x: Float) -> Float { scale * (x > 0 ? x : alpha * Foundation.expm1(x)) }
    @inlinable package func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let negative = alpha * vectorExpMinusOne(VectorMath.minimum(x, SIMD8(repeating: 0)))
        return scale * negative.replacing(with: x, where: x .> 0)
    }
}

/// The exponential linear unit (§8.6.1, eqs. 8.12–8.13; Clevert, Unterthiner & Hochreiter 2016).
///
/// ```
/// ELU(z)  = z for z > 0,   α(eᶻ − 1) for z ≤ 0
/// ELU′(z) = 1 for z > 0,   α·eᶻ = ELU(z) + α for z ≤ 0   (reuses the forward output)
/// ```
/// - Parameter x: the pre-activation input.
/// - Parameter alpha: the value approached for large negative inputs (default 1).
/// Range (−α, ∞). Smooth for α = 1, mean activations near zero, robust to noise; costs an exponential.
public func elu(_ x: Variable, alpha: Float = ELU.defaultAlpha) -> Variable {
    scaledELU(x, alpha: alpha, scale: 1, operation: "elu")
}

/// The scaled ELU of self-normalising networks (§8.6.2, eqs. 8.14–8.15; Klambauer et al. 2017).
///
/// ```
/// SELU(z)  = λ·z for z > 0,   λα(eᶻ − 1) for z ≤ 0
/// SELU′(z) = λ for z > 0,     λα·eᶻ = SELU(z) + λα for z ≤ 0
/// λ = 1.0507009873554805,  α = 1.6732632423543772
/// ```
/// Range (−λα, ∞). Keeps activations near zero mean and unit variance through deep dense stacks,
/// provided the weights use LeCun-normal initialisation (and alpha-dropout, not dropout).
public func selu(_ x: Variable) -> Variable {
    scaledELU(x, alpha: SELU.alpha, scale: SELU.lambda, operation: "selu")
}

/// λ·ELU_α, one primitive whose VJP reuses the output: λ for z > 0, y + λα for z ≤ 0.
func scaledELU(_ x: Variable, alpha: Float, scale: Float, operation: String) -> Variable {
    require(alpha.isFinite, "\(operation): alpha must be finite, got \(alpha)")
    let positive = x.value.greater(Tensor(0))
    return Variable.recording(x.value.mapped(ELUKernel(alpha: alpha, scale: scale)), inputs: [x],
                              operation: operation) { g, y in
        [Variable.where(positive, g * scale, g * (y + scale * alpha))]
    }
}

/// ELU as a layer (§8.6.1); see ``elu(_:alpha:)``.
public final class ELU: Module {
    /// The saturation value for negative inputs.
    public let alpha: Float

    /// The default saturation value, 1 (Clevert et al.).
    public static let defaultAlpha: Float = 1

    /// - Parameter alpha: saturation value for negative inputs (default ``defaultAlpha``, 1).
    public init(alpha: Float = defaultAlpha) {
        require(alpha.isFinite, "ELU: alpha must be finite, got \(alpha)")
        self.alpha = alpha
        super.init()
    }

    public override func callAsFunction(_ input: Variable) -> Variable { elu(input, alpha: alpha) }
}

/// SELU as a layer (§8.6.2); see ``selu(_:)``.
public final class SELU: Module {
    /// λ of Klambauer et al. (2017).
    public static let lambda: Float = 1.0507009873554805
    /// α of Klambauer et al. (2017).
    public static let alpha: Float = 1.6732632423543772

    public override init() { super.init() }
    public override func callAsFunction(_ input: Variable) -> Variable { selu(input) }
}
