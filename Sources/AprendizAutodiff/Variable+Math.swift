import AprendizTensor
import Foundation

// Unary math, each with its analytic derivative (reusing the result y where the formula allows).

extension Variable {
    /// eˣ; derivative eˣ = y.
    public func exp() -> Variable {
        Variable.recording(value.exp(), inputs: [self], operation: "exp") { g, y in [g * y] }
    }

    /// ln x; derivative 1/x.
    public func log() -> Variable {
        let x = self
        return Variable.recording(value.log(), inputs: [x], operation: "log") { g, _ in [g / x] }
    }

    /// ln(1 + x); derivative 1/(1 + x).
    public func log1p() -> Variable {
        let x = self
        return Variable.recording(value.log1p(), inputs: [x], operation: "log1p") { g, _ in [g / (x + 1)] }
    }

    /// eˣ − 1; derivative eˣ = y + 1.
    public func expm1() -> Variable {
        Variable.recording(value.expm1(), inputs: [self], operation: "expm1") { g, y in [g * (y + 1)] }
    }

    /// √x; derivative 1/(2√x) = 1/(2y).
    public func sqrt() -> Variable {
        Variable.recording(value.sqrt(), inputs: [self], operation: "sqrt") { g, y in [g / (y * 2)] }
    }

    /// 1/√x; derivative −½x^(−3/2) = −½y³.
    public func rsqrt() -> Variable {
        Variable.recording(value.rsqrt(), inputs: [self], operation: "rsqrt") { g, y in [g * y * y * y * -0.5] }
    }

    /// |x|; derivative sign(x) (0 at 0, like PyTorch).
    public func abs() -> Variable {
        let x = self
        return Variable.recording(value.abs(), inputs: [x], operation: "abs") { g, _ in [g * x.sign()] }
    }

    /// sign(x); derivative 0 everywhere it exists.
    public func sign() -> Variable { Variable(value.sign()) }

    /// sin x; derivative cos x.
    public func sin() -> Variable {
        let x = self
        return Variable.recording(value.sin(), inputs: [x], operation: "sin") { g, _ in [g * x.cos()] }
    }

    /// cos x; derivative −sin x.
    public func cos() -> Variable {
        let x = self
        return Variable.recording(value.cos(), inputs: [x], operation: "cos") { g, _ in [-g * x.sin()] }
    }

    /// tanh x; derivative 1 − tanh²x = 1 − y².
    public func tanh() -> Variable {
        Variable.recording(value.tanh(), inputs: [self], operation: "tanh") { g, y in [g * (1 - y * y)] }
    }

    /// erf x; derivative (2/√π)·e^(−x²).
    public func erf() -> Variable {
        let x = self
        return Variable.recording(value.erf(), inputs: [x], operation: "erf") { g, _ in
            [g * (-(x * x)).exp() * Float(2 / Double.pi.squareRoot())]
        }
    }

    /// x limited to [lower, upper]; derivative 1 inside the interval (bounds included, like
    /// PyTorch's `clamp`) and 0 outside.
    public func clamped(min lower: Float = -.infinity, max upper: Float = .infinity) -> Variable {
        let x = self
        return Variable.recording(value.clamped(min: lower, max: upper), inputs: [x], operation: "clamp") { g, _ in
            let inside = x.value.greaterOrEqual(Tensor(lower)) * x.value.lessOrEqual(Tensor(upper))
            return [g * inside]
        }
    }

    /// Element-wise maximum with broadcasting. The gradient goes to the larger operand; on a tie
    /// it is split in half between both (PyTorch's `maximum`).
    public func maximum(_ other: Variable) -> Variable {
        let a = self, b = other
        return Variable.recording(a.value.maximum(b.value), inputs: [a, b], operation: "maximum") { g, _ in
            let share = a.value.greater(b.value) + a.value.equal(b.value) * 0.5
            return [(g * share).summed(toShape: a.shape), (g * (1 - share)).summed(toShape: b.shape)]
        }
    }

    /// Element-wise minimum with broadcasting; ties split the gradient in half.
    public func minimum(_ other: Variable) -> Variable {
        let a = self, b = other
        return Variable.recording(a.value.minimum(b.value), inputs: [a, b], operation: "minimum") { g, _ in
            let share = a.value.less(b.value) + a.value.equal(b.value) * 0.5
            return [(g * share).summed(toShape: a.shape), (g * (1 - share)).summed(toShape: b.shape)]
        }
    }

    /// `a` where `condition` is non-zero, `b` elsewhere (broadcasting). The condition gets no gradient.
    public static func `where`(_ condition: Tensor, _ a: Variable, _ b: Variable) -> Variable {
        let mask = condition.notEqual(Tensor(0))
        return recording(Tensor.where(condition, a.value, b.value), inputs: [a, b], operation: "where") { g, _ in
            [(g * mask).summed(toShape: a.shape), (g * (1 - mask)).summed(toShape: b.shape)]
        }
    }
}
