import AprendizAutodiff
import AprendizTensor

/// The hyperbolic tangent (§7.4, eqs. 7.5–7.7; LeCun et al. 1998).
///
/// ```
/// tanh(z)  = (eᶻ − e⁻ᶻ) / (eᶻ + e⁻ᶻ)
/// tanh′(z) = 1 − tanh²(z)          (eq. 7.7: reuses the forward output)
/// ```
/// Range (−1, 1), centred at zero, so it trains faster than the sigmoid in hidden layers; still
/// saturates for |z| ≳ 4 (vanishing gradients). Delegates to `Variable.tanh()`.
public func tanh(_ x: Variable) -> Variable { x.tanh() }

/// The hyperbolic tangent as a layer (§7.4); see ``tanh(_:)``.
public final class Tanh: Module {
    public override init() { super.init() }
    public override func callAsFunction(_ input: Variable) -> Variable { input.tanh() }
}
