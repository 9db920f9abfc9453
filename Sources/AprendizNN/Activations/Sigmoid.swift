import AprendizAutodiff
import AprendizTensor

/// The logistic sigmoid (§7.3, eqs. 7.2–7.4; Verhulst 1845, Rumelhart, Hinton & Williams 1986).
///
/// ```
/// σ(z)  = 1 / (1 + e⁻ᶻ)
/// σ′(z) = σ(z)(1 − σ(z))          (eq. 7.4: reuses the forward output)
/// ```
/// Range (0, 1). Evaluated as 1/(1 + e^−|z|) or e^−|z|/(1 + e^−|z|) so no exponential overflows.
/// Use it on the output of a binary classifier (a probability); avoid it in deep hidden stacks,
/// where σ′ ≤ ¼ makes gradients vanish (§7.7).
public func sigmoid(_ x: Variable) -> Variable {
    Variable.recording(x.value.mapped(SigmoidKernel()), inputs: [x], operation: "sigmoid") { g, y in
        [g * y * (1 - y)]
    }
}

/// The logistic sigmoid as a layer (§7.3); see ``sigmoid(_:)``.
public final class Sigmoid: Module {
    public override init() { super.init() }
    public override func callAsFunction(_ input: Variable) -> Variable { sigmoid(input) }
}
