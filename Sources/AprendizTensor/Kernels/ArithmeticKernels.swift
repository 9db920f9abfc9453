import Foundation

// The element-wise kernels of the tensor core: each a tiny struct with a scalar and a SIMD form.
// Functions without a SIMD formula use `lanes`, which still runs one tight loop per tensor.

/// a + b.
@usableFromInline package struct AddKernel: BinaryKernel {
    @usableFromInline package init() {}
    @inlinable package func callAsFunction(_ a: Float, _ b: Float) -> Float { a + b }
    @inlinable package func callAsFunction(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { a + b }
}
/// a − b.
@usableFromInline package struct SubtractKernel: BinaryKernel {
    @usableFromInline package init() {}
    @inlinable package func callAsFunction(_ a: Float, _ b: Float) -> Float { a - b }
    @inlinable package func callAsFunction(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { a - b }
}
/// a · b.
@usableFromInline package struct MultiplyKernel: BinaryKernel {
    @usableFromInline package init() {}
    @inlinable package func callAsFunction(_ a: Float, _ b: Float) -> Float { a * b }
    @inlinable package func callAsFunction(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { a * b }
}
/// a / b (IEEE: x/0 = ±∞, 0/0 = NaN).
@usableFromInline package struct DivideKernel: BinaryKernel {
    @usableFromInline package init() {}
    @inlinable package func callAsFunction(_ a: Float, _ b: Float) -> Float { a / b }
    @inlinable package func callAsFunction(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { a / b }
}
/// max(a, b), propagating NaN like NumPy's `maximum`.
@usableFromInline package struct MaximumKernel: BinaryKernel {
    @usableFromInline package init() {}
    @inlinable package func callAsFunction(_ a: Float, _ b: Float) -> Float { a.isNaN || b.isNaN ? .nan : Swift.max(a, b) }
    @inlinable package func callAsFunction(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        var r = a.replacing(with: b, where: b .> a)
        r.replace(with: a + b, where: (a .!= a) .| (b .!= b))
        return r
    }
}
/// min(a, b), propagating NaN like NumPy's `minimum`.
@usableFromInline package struct MinimumKernel: BinaryKernel {
    @usableFromInline package init() {}
    @inlinable package func callAsFunction(_ a: Float, _ b: Float) -> Float { a.isNaN || b.isNaN ? .nan : Swift.min(a, b) }
    @inlinable package func callAsFunction(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        var r = a.replacing(with: b, where: b .< a)
        r.replace(with: a + b, where: (a .!= a) .| (b .!= b))
        return r
    }
}
/// aᵇ (C `powf`).
@usableFromInline package struct PowerKernel: BinaryKernel {
    @usableFromInline package init() {}
    @inlinable package func callAsFunction(_ a: Float, _ b: Float) -> Float { Foundation.pow(a, b) }
    @inlinable package func callAsFunction(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        var r = SIMD8<Float>()
        for i in 0..<8 { r[i] = Foundation.pow(a[i], b[i]) }
        return r
    }
}
/// A comparison producing 1 where it holds and 0 elsewhere.
@usableFromInline package struct CompareKernel: BinaryKernel {
    /// Which comparison.
    @usableFromInline package enum Relation: Sendable { case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual }
    /// The comparison made.
    @usableFromInline package let relation: Relation
    /// A kernel for `relation`.
    @usableFromInline package init(_ relation: Relation) { self.relation = relation }
    @inlinable package func callAsFunction(_ a: Float, _ b: Float) -> Float {
        let holds: Bool
        switch relation {
        case .less: holds = a < b
        case .lessOrEqual: holds = a <= b
        case .greater: holds = a > b
        case .greaterOrEqual: holds = a >= b
        case .equal: holds = a == b
        case .notEqual: holds = a != b
        }
        return holds ? 1 : 0
    }
    @inlinable package func callAsFunction(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        let mask: SIMDMask<SIMD8<Int32>>
        switch relation {
        case .less: mask = a .< b
        case .lessOrEqual: mask = a .<= b
        case .greater: mask = a .> b
        case .greaterOrEqual: mask = a .>= b
        case .equal: mask = a .== b
        case .notEqual: mask = a .!= b
        }
        return SIMD8<Float>().replacing(with: 1, where: mask)
    }
}

/// A unary function given by a scalar and a SIMD closure-free form; the table of the core's unary ops.
@usableFromInline package struct MathKernel: UnaryKernel {
    /// Which function: negate, exp, log, log1p, expm1, sqrt, rsqrt, abs, sign, sin, cos, tanh, erf, square, reciprocal.
    @usableFromInline package enum Function: Sendable {
        case negate, exp, log, log1p, expm1, sqrt, rsqrt, abs, sign, sin, cos, tanh, erf, square, reciprocal
    }
    /// The function applied.
    @usableFromInline package let function: Function
    /// A kernel for `function`.
    @usableFromInline package init(_ function: Function) { self.function = function }

    @inlinable package func callAsFunction(_ x: Float) -> Float {
        switch function {
        case .negate: return -x
        case .exp: return Foundation.exp(x)
        case .log: return Foundation.log(x)
        case .log1p: return Foundation.log1p(x)
        case .expm1: return Foundation.expm1(x)
        case .sqrt: return x.squareRoot()
        case .rsqrt: return 1 / x.squareRoot()
        case .abs: return Swift.abs(x)
        case .sign: return x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? .nan : 0))
        case .sin: return Foundation.sin(x)
        case .cos: return Foundation.cos(x)
        case .tanh: return Foundation.tanh(x)
        case .erf: return Foundation.erf(x)
        case .square: return x * x
        case .reciprocal: return 1 / x
        }
    }

    @inlinable package func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> {
        switch function {
        case .negate: return -x
        case .exp: return VectorMath.exp(x)
        case .log: return VectorMath.log(x)
        case .sqrt: return VectorMath.squareRoot(x)
        case .rsqrt: return 1 / VectorMath.squareRoot(x)
        case .abs: return VectorMath.absolute(x)
        case .square: return x * x
        case .reciprocal: return 1 / x
        case .sign:
            var r = SIMD8<Float>().replacing(with: 1, where: x .> 0)
            r.replace(with: -1, where: x .< 0)
            r.replace(with: x, where: x .!= x)
            return r
        default: return lanes(x, self.callAsFunction)
        }
    }
}

/// Multiplies by a constant then adds one: a·x + b (scalar–tensor arithmetic without broadcasting).
@usableFromInline package struct AffineKernel: UnaryKernel {
    /// a and b of a·x + b.
    @usableFromInline package let scale: Float, shift: Float
    /// A kernel computing scale·x + shift.
    @usableFromInline package init(scale: Float, shift: Float) { self.scale = scale; self.shift = shift }
    @inlinable package func callAsFunction(_ x: Float) -> Float { x * scale + shift }
    @inlinable package func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> { x * scale + shift }
}

/// Clamps to [lower, upper]; NaN stays NaN.
@usableFromInline package struct ClampKernel: UnaryKernel {
    /// The interval's bounds.
    @usableFromInline package let lower: Float, upper: Float
    /// A kernel clamping to [lower, upper].
    @usableFromInline package init(lower: Float, upper: Float) { self.lower = lower; self.upper = upper }
    @inlinable package func callAsFunction(_ x: Float) -> Float { x.isNaN ? x : Swift.min(Swift.max(x, lower), upper) }
    @inlinable package func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> { VectorMath.clamp(x, lower: lower, upper: upper) }
}

/// xᵖ for a constant exponent, with exact fast paths for p = 2, 0.5, −1.
@usableFromInline package struct PowerScalarKernel: UnaryKernel {
    /// p in xᵖ.
    @usableFromInline package let exponent: Float
    /// A kernel raising to `exponent`.
    @usableFromInline package init(exponent: Float) { self.exponent = exponent }
    @inlinable package func callAsFunction(_ x: Float) -> Float { Foundation.pow(x, exponent) }
    @inlinable package func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> {
        switch exponent {
        case 1: return x
        case 2: return x * x
        case 3: return x * x * x
        case 0.5: return VectorMath.squareRoot(x)
        case -1: return 1 / x
        default: return lanes(x) { Foundation.pow($0, exponent) }
        }
    }
}
