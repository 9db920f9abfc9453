import AprendizAutodiff
import AprendizTensor

/// How a loss turns its per-element (or per-sample) terms ℓᵢ into the value returned (PyTorch's
/// `reduction` argument).
///
/// ```
/// mean:  L = (1/N) Σᵢ ℓᵢ      ∂L/∂ℓᵢ = 1/N
/// sum:   L = Σᵢ ℓᵢ            ∂L/∂ℓᵢ = 1
/// none:  L = (ℓ₁, …, ℓ_N)     (the unreduced terms, one per element or sample)
/// ```
/// The book writes its losses with the mean (eq. 10.1, 10.3); the backpropagation example of §6.2
/// uses ½Σ, which is `.sum` with `halved: true` in ``mseLoss(predictions:targets:reduction:halved:)``.
/// Default everywhere: `.mean`.
public enum LossReduction: String, Sendable, CaseIterable {
    /// The average of the terms (the default).
    case mean
    /// The sum of the terms.
    case sum
    /// The terms themselves, unreduced.
    case none

    /// Reduces per-element loss terms; `.mean` divides by `divisor` when given (weighted means).
    func apply(to terms: Variable, divisor: Float? = nil) -> Variable {
        switch self {
        case .none: return terms
        case .sum: return terms.sum()
        case .mean: return divisor.map { terms.sum() / $0 } ?? terms.mean()
        }
    }
}

/// max(x, 0) with derivative 1 where x > 0 and 0 elsewhere (0 at the kink, like PyTorch's `relu`
/// and the book's eq. 10.10), used by the margin losses.
func positivePart(_ x: Variable) -> Variable {
    Variable.where(x.value.greater(Tensor(0)), x, Variable(Tensor.zeros(x.shape)))
}
