import AprendizAutodiff
import AprendizTensor
import Foundation

/// The Wilson–Cowan sigmoid, shifted to pass through the origin (§7.3, eq. 7.1; Wilson & Cowan 1972).
///
/// ```
/// S(z)  = σ(a(z − θ)) − σ(−aθ)         (σ(−aθ) = 1/(1 + e^(aθ)), so S(0) = 0)
/// S′(z) = a·σ(a(z − θ))(1 − σ(a(z − θ))) = a(S + c)(1 − S − c),   c = σ(−aθ)
/// ```
/// - Parameters:
///   - x: the pre-activation input.
///   - slope: a, the steepness (default 1.2, the book's figure 7.3).
///   - threshold: θ, where the response is steepest (default 2.8).
/// Range (−c, 1 − c). A model of the firing rate of a neuron population; of historical interest.
public func wilsonCowan(_ x: Variable, slope: Float = 1.2, threshold: Float = 2.8) -> Variable {
    require(slope.isFinite && threshold.isFinite,
                 "wilsonCowan: slope and threshold must be finite, got \(slope), \(threshold)")
    let offset = SigmoidKernel()(-slope * threshold)
    let kernel = AffineThenSigmoidKernel(slope: slope, threshold: threshold, offset: offset)
    return Variable.recording(x.value.mapped(kernel), inputs: [x], operation: "wilsonCowan") { g, y in
        let s = y + offset
        return [g * s * (1 - s) * slope]
    }
}

/// σ(a(x − θ)) − c, the forward pass of eq. 7.1.
@usableFromInline package struct AffineThenSigmoidKernel: UnaryKernel {
    /// a, θ and the subtracted 1/(1 + e^{aθ}) of eq. 7.1.
    @usableFromInline package let slope: Float, threshold: Float, offset: Float
    /// A kernel with these constants.
    @usableFromInline package init(slope: Float, threshold: Float, offset: Float) {
        self.slope = slope; self.threshold = threshold; self.offset = offset
    }
    @inlinable package func callAsFunction(_ x: Float) -> Float { SigmoidKernel(scale: slope)(x - threshold) - offset }
    @inlinable package func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> {
        SigmoidKernel(scale: slope)(x - threshold) - offset
    }
}

/// The Wilson–Cowan sigmoid as a layer (§7.3); see ``wilsonCowan(_:slope:threshold:)``.
public final class WilsonCowan: Module {
    /// a and θ of eq. 7.1.
    public let slope: Float, threshold: Float

    /// - Parameters:
    ///   - slope: a (default 1.2).
    ///   - threshold: θ (default 2.8).
    public init(slope: Float = 1.2, threshold: Float = 2.8) {
        require(slope.isFinite && threshold.isFinite,
                     "WilsonCowan: slope and threshold must be finite, got \(slope), \(threshold)")
        self.slope = slope
        self.threshold = threshold
        super.init()
    }

    public override func callAsFunction(_ input: Variable) -> Variable {
        wilsonCowan(input, slope: slope, threshold: threshold)
    }
}

/// The Heaviside step of Rosenblatt's perceptron (§7.3, figure 7.4; eq. 8.16 with θ = 0).
///
/// ```
/// H(z)  = 1 for z ≥ 0,   0 for z < 0
/// H′(z) = 0 for z ≠ 0    (undefined at 0; Aprendiz returns 0 there too)
/// ```
/// Range {0, 1}. Not trainable by gradient descent — every gradient through it is zero — which is
/// why back-propagation needed smooth sigmoids. Included to show exactly that.
public func heaviside(_ x: Variable) -> Variable {
    Variable.recording(x.value.mapped(HeavisideKernel()), inputs: [x], operation: "heaviside") { g, _ in [g * 0] }
}

/// 1 for x ≥ 0, 0 otherwise (NaN stays NaN).
@usableFromInline package struct HeavisideKernel: UnaryKernel {
    @usableFromInline package init() {}
    @inlinable package func callAsFunction(_ x: Float) -> Float { x.isNaN ? x : (x >= 0 ? 1 : 0) }
    @inlinable package func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> {
        SIMD8<Float>().replacing(with: 1, where: x .>= 0).replacing(with: x, where: x .!= x)
    }
}

/// The Heaviside step as a layer (figure 7.4); see ``heaviside(_:)``.
public final class Heaviside: Module {
    public override init() { super.init() }
    public override func callAsFunction(_ input: Variable) -> Variable { heaviside(input) }
}
