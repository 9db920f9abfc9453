import AprendizAutodiff
import AprendizTensor

/// Standardises `input` over `axes`: subtracts the mean and divides by the standard deviation,
/// the common core of every normalisation layer (§24.3; ``LayerNorm``, ``BatchNorm``, ``GroupNorm``).
///
/// ```
/// μ = mean(x),  σ² = mean((x − μ)²)   over `axes` (biased, as PyTorch normalises)
/// x̂ = (x − μ) / √(σ² + ε)
/// ∂L/∂x = (1/√(σ² + ε)) · (g − mean(g) − x̂ · mean(g ⊙ x̂))
/// ```
/// Composed from differentiable mean, subtraction, square and `rsqrt`, so the gradient above (and a
/// second derivative) comes from autodiff.
/// - Returns: x̂, and μ and σ² with the reduced axes kept as size 1.
public func standardized(_ input: Variable, axes: [Int], epsilon: Float) -> (output: Variable, mean: Tensor, variance: Tensor) {
    require(epsilon >= 0, "standardized: epsilon \(epsilon) is negative")
    let mean = input.mean(axes: axes, keepDims: true)
    let deviations = input - mean
    let variance = deviations.squared().mean(axes: axes, keepDims: true)
    return (deviations * (variance + epsilon).rsqrt(), mean.value, variance.value)
}
