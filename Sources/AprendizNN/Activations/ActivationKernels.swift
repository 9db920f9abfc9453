import AprendizAutodiff
import AprendizTensor
import Foundation

// Element-wise kernels shared by several activations: the stable logistic sigmoid, an accurate
// eˣ − 1, and the piecewise-linear pieces (leaky slope, open-interval masks, steps). Each has a scalar
// and an 8-lane SIMD form, so every activation runs one vectorised loop per tensor.

/// The logistic sigmoid σ(s·x) evaluated without overflow: with e = e^(−|s·x|) ∈ (0, 1],
/// σ = 1/(1 + e) for s·x ≥ 0 and e/(1 + e) otherwise, so the exponential never exceeds 1.
@usableFromInline package struct SigmoidKernel: UnaryKernel {
    /// Multiplies the input before the function.
    @usableFromInline package let scale: Float
    /// A kernel with this input scale.
    @usableFromInline package init(scale: Float = 1) { self.scale = scale }
    @inlinable package func callAsFunction(_ x: Float) -> Float {
        let t = scale * x
        let e = Foundation.exp(-Swift.abs(t))
        return t >= 0 ? 1 / (1 + e) : e / (1 + e)
    }
    @inlinable package func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let t = scale * x
        let e = VectorMath.exp(-VectorMath.absolute(t))
        let r = 1 / (1 + e)
        return r.replacing(with: e * r, where: t .< 0)
    }
}

/// eˣ − 1 on 8 lanes, accurate near 0 where exp(x) − 1 would cancel: below |x| = 0.01 the Taylor
/// polynomial x + x²/2 + x³/6 + x⁴/24 (error < 1e-12 relative).
@inlinable func vectorExpMinusOne(_ x: SIMD8<Float>) -> SIMD8<Float> {
    var taylor = x * Float(1.0 / 24) + Float(1.0 / 6)
    taylor = taylor * x + 0.5
    taylor = taylor * x + 1
    taylor = taylor * x
    let direct = VectorMath.exp(x) - 1
    return direct.replacing(with: taylor, where: VectorMath.absolute(x) .< 0.01)
}

/// x for x > 0 and slope·x otherwise (ReLU with slope 0, LeakyReLU, RReLU in inference).
@usableFromInline package struct LeakyKernel: UnaryKernel {
    /// The slope for negative inputs.
    @usableFromInline package let slope: Float
    /// A kernel with this negative slope.
    @usableFromInline package init(slope: Float) { self.slope = slope }
    @inlinable package func callAsFunction(_ x: Float) -> Float { x > 0 ? x : slope * x }
    @inlinable package func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> {
        (slope * x).replacing(with: x, where: x .> 0)
    }
}

/// The derivative of a two-piece linear function: `positive` for x > 0, `nonPositive` for x ≤ 0
/// (the book assigns the point 0 to the left piece: eqs. 8.4, 8.6, 8.11, 8.20).
@usableFromInline package struct StepKernel: UnaryKernel {
    /// The value returned for positive and for non-positive inputs.
    @usableFromInline package let positive: Float, nonPositive: Float
    /// A step kernel with these two values.
    @usableFromInline package init(positive: Float, nonPositive: Float) { self.positive = positive; self.nonPositive = nonPositive }
    @inlinable package func callAsFunction(_ x: Float) -> Float { x > 0 ? positive : nonPositive }
    @inlinable package func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> {
        SIMD8(repeating: nonPositive).replacing(with: positive, where: x .> 0)
    }
}

/// `value` on the open interval (lower, upper) and 0 elsewhere: the derivative of a clipped line
/// (eqs. 7.11 and 7.13), 0 at the kinks like PyTorch.
@usableFromInline package struct OpenIntervalKernel: UnaryKernel {
    /// The open interval (lower, upper) and the value inside it (0 outside).
    @usableFromInline package let lower: Float, upper: Float, value: Float
    /// A kernel with this interval and value.
    @usableFromInline package init(lower: Float, upper: Float, value: Float) { self.lower = lower; self.upper = upper; self.value = value }
    @inlinable package func callAsFunction(_ x: Float) -> Float { x > lower && x < upper ? value : 0 }
    @inlinable package func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> {
        SIMD8<Float>().replacing(with: value, where: (x .> lower) .& (x .< upper))
    }
}

/// The straight line `scale·x + shift` clipped to [lower, upper] (HardSigmoid, HardTanh).
@usableFromInline package struct ClippedLineKernel: UnaryKernel {
    /// The line scale·x + shift and its clipping bounds.
    @usableFromInline package let scale: Float, shift: Float, lower: Float, upper: Float
    /// A kernel for this clipped line.
    @usableFromInline package init(scale: Float, shift: Float, lower: Float, upper: Float) {
        self.scale = scale; self.shift = shift; self.lower = lower; self.upper = upper
    }
    @inlinable package func callAsFunction(_ x: Float) -> Float { Swift.min(Swift.max(scale * x + shift, lower), upper) }
    @inlinable package func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> {
        VectorMath.clamp(scale * x + shift, lower: lower, upper: upper)
    }
}

extension Variable {
    /// An element-wise function (`function`) whose derivative is piecewise constant (`derivative`):
    /// its VJP is the upstream gradient times the derivative evaluated on the input. The mask is a
    /// constant, which is exact for second derivatives too (they are 0 away from the kinks).
    ///
    /// Without a graph to record (inference, or an input that needs no gradient) it returns the
    /// value alone: no VJP closure, no saved input — one allocation instead of four per call.
    func piecewiseConstant<F: UnaryKernel, D: UnaryKernel>(_ function: F, derivative: D, operation: String) -> Variable {
        let output = value.mapped(function)
        guard GradientMode.isRecording && requiresGradient else { return Variable(output) }
        // The slopes are computed when the gradient is asked for, not in the forward pass.
        return Variable.recording(output, inputs: [self], operation: operation) { [value] g, _ in [g * value.mapped(derivative)] }
    }
}
