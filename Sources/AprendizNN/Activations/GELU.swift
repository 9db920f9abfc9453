import AprendizAutodiff
import AprendizTensor
import Foundation

/// x·Φ(x) = ½x·erfc(−x/√2): erfc keeps Φ accurate in the left tail, where 1 + erf(x/√2) cancels.
/// The 8-lane form uses ``vectorErfc(_:)`` (relative error ≤ 2e-6 where |x| < 5.6); the scalar form,
/// for tails, runs the same lanes so both agree.
@usableFromInline package struct GELUKernel: UnaryKernel {
    @usableFromInline package init() {}
    @inlinable package func callAsFunction(_ x: Float) -> Float { self(SIMD8(repeating: x))[0] }
    @inlinable package func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> { 0.5 * x * vectorErfc(-x * 0.70710678118654752) }
}

/// erfc(z) on 8 lanes: erfc(|z|) = t·exp(−z² + P(t)) with t = 2/(2 + |z|) and P a degree-9 polynomial,
/// and erfc(z) = 2 − erfc(|z|) for z < 0. P is a least-squares fit of log(eᶻ²·erfc(z)/t) on t ∈ (0, 1]
/// (4000 Chebyshev nodes, SciPy's `erfcx` as the reference; `Tools/fit_erfc.py`): relative error
/// ≤ 1.5e-6 for |z| < 4 and ≤ 8e-6 up to the underflow (float rounding of z² dominates there).
@inlinable package func vectorErfc(_ z: SIMD8<Float>) -> SIMD8<Float> {
    let a = VectorMath.absolute(z)
    let t = 2 / (2 + a)
    var p = SIMD8<Float>(repeating: 0.17089304327964783)
    p = p * t - 0.8222485184669495
    p = p * t + 1.48870849609375
    p = p * t - 1.1354146003723145
    p = p * t + 0.2790049910545349
    p = p * t - 0.18634185194969177
    p = p * t + 0.09679660201072693
    p = p * t + 0.37409040331840515
    p = p * t + 1.0000237226486206
    p = p * t - 1.265512228012085
    let tail = t * VectorMath.exp(p - a * a)
    return tail.replacing(with: 2 - tail, where: z .< 0)
}

/// g·GELU′(x) = g·(Φ(x) + x·φ(x)) in one pass over (g, x, y) (eq. 9.4), with Φ(x) = y/x read back
/// from the forward output y = x·Φ(x) (Φ(0) = ½): the exact GELU's backward without erfc and without
/// the six temporaries of the composite form.
@usableFromInline package struct GELUBackwardKernel {
    @usableFromInline package init() {}
    @inlinable package func callAsFunction(_ g: SIMD8<Float>, _ x: SIMD8<Float>, _ y: SIMD8<Float>) -> SIMD8<Float> {
        let cdf = (y / x).replacing(with: 0.5, where: x .== 0)
        let density = VectorMath.exp(-0.5 * x * x) * 0.3989422804014327
        return g * (cdf + x * density)
    }

    /// The gradient for upstream `g`, input `x` and output `y` (same shapes).
    package func callAsFunction(_ g: Tensor, _ x: Tensor, _ y: Tensor) -> Tensor {
        var result = Tensor(uninitializedShape: x.shape)
        let count = x.count
        g.withUnsafeBufferPointer { gp in
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeBufferPointer { yp in
                    result.withUnsafeMutableBufferPointer { out in
                        let (ga, xa, ya, oa) = (UnsafeRawPointer(gp.baseAddress!), UnsafeRawPointer(xp.baseAddress!),
                                                UnsafeRawPointer(yp.baseAddress!), UnsafeMutableRawPointer(out.baseAddress!))
                        var i = 0
                        while i + 8 <= count {
                            let value = self(ga.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self),
                                             xa.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self),
                                             ya.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self))
                            oa.storeBytes(of: value, toByteOffset: 4 * i, as: SIMD8<Float>.self)
                            i += 8
                        }
                        while i < count {
                            out[i] = self(SIMD8(repeating: gp[i]), SIMD8(repeating: xp[i]), SIMD8(repeating: yp[i]))[0]
                            i += 1
                        }
                    }
                }
            }
        }
        return result
    }
}

/// The tanh approximation of GELU (eq. 9.2), evaluated as x·σ(2u) since ½(1 + tanh u) = σ(2u):
/// the sigmoid form cannot cancel for negative x.
@usableFromInline package struct GELUTanhKernel: UnaryKernel {
    @usableFromInline package init() {}
    @inlinable package func callAsFunction(_ x: Float) -> Float { x * SigmoidKernel(scale: 2)(GELU.tanhArgument(x)) }
    @inlinable package func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> {
        x * SigmoidKernel(scale: 2)(GELU.tanhArgument(x))
    }
}

/// The Gaussian error linear unit (§9.1, eqs. 9.1–9.5; Hendrycks & Gimpel 2016).
///
/// ```
/// exact    GELU(z) = z·Φ(z) = ½z(1 + erf(z/√2))                 GELU′(z) = Φ(z) + z·φ(z)   (eq. 9.4)
/// .tanh    GELU(z) ≈ ½z(1 + tanh u),  u = √(2/π)(z + 0.044715z³)   (eq. 9.2)
///          GELU′(z) ≈ ½(1 + tanh u) + ½z(1 − tanh²u)·√(2/π)(1 + 3·0.044715z²)
/// .sigmoid GELU(z) ≈ z·σ(1.702z)                                 (eq. 9.3, = swish with β = 1.702)
///          GELU′(z) ≈ σ(1.702z) + 1.702z·σ(1.702z)(1 − σ(1.702z))
/// ```
/// - Parameter x: the pre-activation input.
/// - Parameter approximation: `.exact` (default, PyTorch's `approximate='none'`), `.tanh`
///   (PyTorch's `approximate='tanh'`, BERT/GPT-2) or `.sigmoid` (not in PyTorch).
/// Smooth everywhere, small negative outputs, the standard choice in Transformers; costs more than ReLU.
public func gelu(_ x: Variable, approximation: GELU.Approximation = .exact) -> Variable {
    switch approximation {
    case .exact:
        return Variable.recording(x.value.mapped(GELUKernel()), inputs: [x], operation: "gelu") { g, y in
            // A plain backward (no graph of the gradient to record): one fused pass.
            guard GradientMode.isRecording else { return [Variable(GELUBackwardKernel()(g.value, x.value, y.value))] }
            let cdf = (x * Float(0.5.squareRoot())).erf() * 0.5 + 0.5
            let density = (x.squared() * -0.5).exp() * Float(1 / (2 * Double.pi).squareRoot())
            return [g * (cdf + x * density)]
        }
    case .tanh:
        return Variable.recording(x.value.mapped(GELUTanhKernel()), inputs: [x], operation: "geluTanh") { g, _ in
            // Beyond |z| = 20 the factor s(1 − s) is exactly 0 in Float; clamping z there keeps
            // z·du from overflowing to ∞ (∞·0 = NaN) without changing any value.
            let z = x.clamped(min: -20, max: 20)
            let s = sigmoid((z + z * z.squared() * GELU.cubicCoefficient) * (2 * GELU.tanhScale))
            let du = (z.squared() * (3 * GELU.cubicCoefficient) + 1) * (2 * GELU.tanhScale)
            return [g * (s + z * s * (1 - s) * du)]
        }
    case .sigmoid:
        return swish(x, beta: GELU.sigmoidScale)
    }
}

/// GELU as a layer (§9.1); see ``gelu(_:approximation:)``.
public final class GELU: Module {
    /// How Φ is computed.
    public enum Approximation: String, Sendable, CaseIterable {
        /// Φ(z) = ½(1 + erf(z/√2)) (eq. 9.1).
        case exact
        /// Φ(z) ≈ ½(1 + tanh(√(2/π)(z + 0.044715z³))) (eq. 9.2).
        case tanh
        /// Φ(z) ≈ σ(1.702z) (eq. 9.3).
        case sigmoid
    }

    /// √(2/π) in eq. 9.2.
    public static let tanhScale: Float = 0.7978845608028654
    /// 0.044715 in eq. 9.2.
    public static let cubicCoefficient: Float = 0.044715
    /// 1.702 in eq. 9.3.
    public static let sigmoidScale: Float = 1.702

    /// u = √(2/π)(z + 0.044715z³), the argument of tanh in eq. 9.2.
    @inlinable static func tanhArgument(_ x: Float) -> Float { tanhScale * (x + cubicCoefficient * x * x * x) }
    @inlinable static func tanhArgument(_ x: SIMD8<Float>) -> SIMD8<Float> { tanhScale * (x + cubicCoefficient * x * x * x) }

    /// How Φ is computed.
    public let approximation: Approximation

    /// - Parameter approximation: `.exact` (default), `.tanh` or `.sigmoid`.
    public init(approximation: Approximation = .exact) {
        self.approximation = approximation
        super.init()
    }

    public override func callAsFunction(_ input: Variable) -> Variable { gelu(input, approximation: approximation) }
}
