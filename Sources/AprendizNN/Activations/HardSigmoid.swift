import AprendizAutodiff
import AprendizTensor

/// The hard sigmoid, a piecewise-linear sigmoid (§7.6, eqs. 7.10–7.11).
///
/// ```
/// hardSigmoid(z)  = clip(z/6 + ½, 0, 1)
/// hardSigmoid′(z) = 1/6 for −3 < z < 3,   0 otherwise (0 at the kinks ±3, like PyTorch)
/// ```
/// Range [0, 1]; the book's and PyTorch's `hardsigmoid` definition (Keras 2 used 0.2z + 0.5).
/// No exponential: use it where speed or low-power hardware matters (MobileNetV3); the flat tails
/// give zero gradients.
public func hardSigmoid(_ x: Variable) -> Variable {
    let line = ClippedLineKernel(scale: 1.0 / 6, shift: 0.5, lower: 0, upper: 1)
    return x.piecewiseConstant(line, derivative: OpenIntervalKernel(lower: -3, upper: 3, value: 1.0 / 6), operation: "hardSigmoid")
}

/// The hard sigmoid as a layer (§7.6); see ``hardSigmoid(_:)``.
public final class HardSigmoid: Module {
    public override init() { super.init() }
    public override func callAsFunction(_ input: Variable) -> Variable { hardSigmoid(input) }
}

/// The hard tanh, tanh replaced by a clipped identity (§7.6, eqs. 7.12–7.13).
///
/// ```
/// hardTanh(z)  = clip(z, −1, 1)
/// hardTanh′(z) = 1 for −1 < z < 1,   0 otherwise (0 at the kinks ±1, like PyTorch)
/// ```
/// Range [−1, 1], centred at zero. Fast and cheap; the derivative is zero on most of the line.
public func hardTanh(_ x: Variable) -> Variable {
    let line = ClippedLineKernel(scale: 1, shift: 0, lower: -1, upper: 1)
    return x.piecewiseConstant(line, derivative: OpenIntervalKernel(lower: -1, upper: 1, value: 1), operation: "hardTanh")
}

/// The hard tanh as a layer (§7.6); see ``hardTanh(_:)``.
public final class HardTanh: Module {
    public override init() { super.init() }
    public override func callAsFunction(_ input: Variable) -> Variable { hardTanh(input) }
}
