// Element-wise arithmetic with NumPy broadcasting, and the unary math of the tensor core.

import CAprendizSIMD

extension Tensor {
    public static func + (a: Tensor, b: Tensor) -> Tensor { arithmetic(a, b, aprendiz_binary_add, operation: "add") }
    public static func - (a: Tensor, b: Tensor) -> Tensor { arithmetic(a, b, aprendiz_binary_subtract, operation: "subtract") }
    public static func * (a: Tensor, b: Tensor) -> Tensor { arithmetic(a, b, aprendiz_binary_multiply, operation: "multiply") }
    public static func / (a: Tensor, b: Tensor) -> Tensor { arithmetic(a, b, aprendiz_binary_divide, operation: "divide") }

    public static func + (a: Tensor, b: Float) -> Tensor { a.affine(scale: 1, shift: b) }
    public static func - (a: Tensor, b: Float) -> Tensor { a.affine(scale: 1, shift: -b) }
    public static func * (a: Tensor, b: Float) -> Tensor { a.affine(scale: b, shift: 0) }
    public static func / (a: Tensor, b: Float) -> Tensor { arithmetic(a, Tensor(b), aprendiz_binary_divide, operation: "divide") }
    public static func + (a: Float, b: Tensor) -> Tensor { b + a }
    public static func - (a: Float, b: Tensor) -> Tensor { b.affine(scale: -1, shift: a) }
    public static func * (a: Float, b: Tensor) -> Tensor { b * a }
    public static func / (a: Float, b: Tensor) -> Tensor { arithmetic(Tensor(a), b, aprendiz_binary_divide, operation: "divide") }
    public static prefix func - (a: Tensor) -> Tensor { a.mapped(MathKernel(.negate)) }

    public static func += (a: inout Tensor, b: Tensor) { a.combineArithmetic(with: b, aprendiz_binary_add, operation: "add") }
    public static func -= (a: inout Tensor, b: Tensor) { a.combineArithmetic(with: b, aprendiz_binary_subtract, operation: "subtract") }
    public static func *= (a: inout Tensor, b: Tensor) { a.combineArithmetic(with: b, aprendiz_binary_multiply, operation: "multiply") }
    public static func /= (a: inout Tensor, b: Tensor) { a.combineArithmetic(with: b, aprendiz_binary_divide, operation: "divide") }
    public static func += (a: inout Tensor, b: Float) { a.applyAffine(scale: 1, shift: b) }
    public static func *= (a: inout Tensor, b: Float) { a.applyAffine(scale: b, shift: 0) }

    /// eˣ element-wise.
    public func exp() -> Tensor { mapped(array: { aprendiz_exp($0, $1, $2) }) }
    /// Natural logarithm element-wise.
    public func log() -> Tensor { mapped(array: { aprendiz_log($0, $1, $2) }) }
    /// log(1 + x), accurate for small x.
    public func log1p() -> Tensor { mapped(MathKernel(.log1p)) }
    /// eˣ − 1, accurate for small x.
    public func expm1() -> Tensor { mapped(MathKernel(.expm1)) }
    /// √x element-wise.
    public func sqrt() -> Tensor { mapped(MathKernel(.sqrt)) }
    /// 1/√x element-wise.
    public func rsqrt() -> Tensor { mapped(MathKernel(.rsqrt)) }
    /// |x| element-wise.
    public func abs() -> Tensor { mapped(MathKernel(.abs)) }
    /// −1, 0 or 1 by the sign of each element (NaN stays NaN).
    public func sign() -> Tensor { mapped(MathKernel(.sign)) }
    /// sin x element-wise.
    public func sin() -> Tensor { mapped(MathKernel(.sin)) }
    /// cos x element-wise.
    public func cos() -> Tensor { mapped(MathKernel(.cos)) }
    /// tanh x element-wise.
    public func tanh() -> Tensor { mapped(MathKernel(.tanh)) }
    /// The error function erf x = (2/√π)∫₀ˣ e^(−t²) dt element-wise.
    public func erf() -> Tensor { mapped(MathKernel(.erf)) }
    /// x² element-wise.
    public func squared() -> Tensor { mapped(MathKernel(.square)) }
    /// xᵖ element-wise for a constant exponent.
    public func pow(_ exponent: Float) -> Tensor { mapped(PowerScalarKernel(exponent: exponent)) }
    /// xʸ element-wise with broadcasting.
    public func pow(_ exponent: Tensor) -> Tensor { Tensor.zip(self, exponent, PowerKernel(), operation: "pow") }
    /// Each element limited to [lower, upper].
    public func clamped(min lower: Float = -.infinity, max upper: Float = .infinity) -> Tensor {
        require(lower <= upper, "clamp: lower bound \(lower) exceeds upper bound \(upper)")
        return mapped(ClampKernel(lower: lower, upper: upper))
    }
    /// Element-wise maximum with broadcasting (NaN propagates).
    public func maximum(_ other: Tensor) -> Tensor { Tensor.zip(self, other, MaximumKernel(), operation: "maximum") }
    /// Element-wise minimum with broadcasting (NaN propagates).
    public func minimum(_ other: Tensor) -> Tensor { Tensor.zip(self, other, MinimumKernel(), operation: "minimum") }
}

// MARK: - Comparisons and selection

extension Tensor {
    /// 1 where `self < other`, else 0 (broadcasting).
    public func less(_ other: Tensor) -> Tensor { Tensor.zip(self, other, CompareKernel(.less), operation: "less") }
    /// 1 where `self <= other`, else 0.
    public func lessOrEqual(_ other: Tensor) -> Tensor { Tensor.zip(self, other, CompareKernel(.lessOrEqual), operation: "lessOrEqual") }
    /// 1 where `self > other`, else 0.
    public func greater(_ other: Tensor) -> Tensor { Tensor.zip(self, other, CompareKernel(.greater), operation: "greater") }
    /// 1 where `self >= other`, else 0.
    public func greaterOrEqual(_ other: Tensor) -> Tensor { Tensor.zip(self, other, CompareKernel(.greaterOrEqual), operation: "greaterOrEqual") }
    /// 1 where `self == other`, else 0.
    public func equal(_ other: Tensor) -> Tensor { Tensor.zip(self, other, CompareKernel(.equal), operation: "equal") }
    /// 1 where `self != other`, else 0.
    public func notEqual(_ other: Tensor) -> Tensor { Tensor.zip(self, other, CompareKernel(.notEqual), operation: "notEqual") }

    /// Picks `a` where `condition` is non-zero and `b` elsewhere; all three broadcast together
    /// (NumPy's `where`).
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        let shape = Shape.broadcast(Shape.broadcast(condition.shape, a.shape, in: "where"), b.shape, in: "where")
        let c = condition.broadcast(to: shape), x = a.broadcast(to: shape), y = b.broadcast(to: shape)
        let result = Tensor(uninitializedShape: shape)
        let pc = c.storage.pointer, px = x.storage.pointer, py = y.storage.pointer, out = result.storage.pointer
        for i in 0..<result.count { out[i] = pc[i] != 0 ? px[i] : py[i] }
        return result
    }
}
