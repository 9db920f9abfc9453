import AprendizTensor

// Element-wise arithmetic with broadcasting. The VJP of a broadcast operand sums the upstream
// gradient over the stretched axes (``Variable/summed(toShape:)``).

extension Variable {
    public static func + (a: Variable, b: Variable) -> Variable {
        recording(a.value + b.value, inputs: [a, b], operation: "add") { g, _ in
            [g.summed(toShape: a.shape), g.summed(toShape: b.shape)]
        }
    }

    public static func - (a: Variable, b: Variable) -> Variable {
        recording(a.value - b.value, inputs: [a, b], operation: "subtract") { g, _ in
            [g.summed(toShape: a.shape), (-g).summed(toShape: b.shape)]
        }
    }

    /// ∂(ab)/∂a = b, ∂(ab)/∂b = a.
    public static func * (a: Variable, b: Variable) -> Variable {
        recording(a.value * b.value, inputs: [a, b], operation: "multiply") { g, _ in
            [(g * b).summed(toShape: a.shape), (g * a).summed(toShape: b.shape)]
        }
    }

    /// ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b².
    public static func / (a: Variable, b: Variable) -> Variable {
        recording(a.value / b.value, inputs: [a, b], operation: "divide") { g, _ in
            [(g / b).summed(toShape: a.shape), (-g * a / (b * b)).summed(toShape: b.shape)]
        }
    }

    public static prefix func - (a: Variable) -> Variable {
        recording(-a.value, inputs: [a], operation: "negate") { g, _ in [-g] }
    }

    public static func + (a: Variable, b: Float) -> Variable {
        recording(a.value + b, inputs: [a], operation: "addScalar") { g, _ in [g] }
    }
    public static func - (a: Variable, b: Float) -> Variable { a + (-b) }
    public static func + (a: Float, b: Variable) -> Variable { b + a }
    public static func - (a: Float, b: Variable) -> Variable { -b + a }

    public static func * (a: Variable, b: Float) -> Variable {
        recording(a.value * b, inputs: [a], operation: "multiplyScalar") { g, _ in [g * b] }
    }
    public static func * (a: Float, b: Variable) -> Variable { b * a }
    public static func / (a: Variable, b: Float) -> Variable {
        recording(a.value / b, inputs: [a], operation: "divideScalar") { g, _ in [g / b] }
    }
    public static func / (a: Float, b: Variable) -> Variable { Variable(Tensor(a)) / b }

    public static func + (a: Variable, b: Tensor) -> Variable { a + Variable(b) }
    public static func - (a: Variable, b: Tensor) -> Variable { a - Variable(b) }
    public static func * (a: Variable, b: Tensor) -> Variable { a * Variable(b) }
    public static func / (a: Variable, b: Tensor) -> Variable { a / Variable(b) }

    /// xᵖ for a constant p: ∂/∂x = p·xᵖ⁻¹.
    public func pow(_ exponent: Float) -> Variable {
        let x = self
        return Variable.recording(value.pow(exponent), inputs: [x], operation: "powScalar") { g, _ in
            exponent == 0 ? [nil] : [g * x.pow(exponent - 1) * exponent]
        }
    }

    /// xʸ element-wise: ∂/∂x = y·xʸ⁻¹, ∂/∂y = xʸ·ln x.
    public func pow(_ exponent: Variable) -> Variable {
        let x = self
        return Variable.recording(value.pow(exponent.value), inputs: [x, exponent], operation: "pow") { g, y in
            [(g * exponent * x.pow(exponent - 1)).summed(toShape: x.shape),
             (g * y * x.log()).summed(toShape: exponent.shape)]
        }
    }

    /// x² element-wise: ∂/∂x = 2x.
    public func squared() -> Variable {
        let x = self
        return Variable.recording(value.squared(), inputs: [x], operation: "square") { g, _ in [g * x * 2] }
    }
}
