import AprendizAutodiff
import AprendizTensor

/// Rescales the gradients of `parameters` so that their global L2 norm is at most `maxNorm`
/// (§24.4; Pascanu, Mikolov & Bengio 2013; PyTorch's `clip_grad_norm_`).
///
/// ```
/// ‖g‖ = √(Σ_parameters Σᵢ gᵢ²)
/// if ‖g‖ > maxNorm:  g ← g · maxNorm / (‖g‖ + 10⁻⁶)
/// ```
/// The direction of the update is kept; only its length is limited, which stops one exploding
/// gradient (recurrent networks, bad batches) from throwing the parameters far away. Call it between
/// `backward()` and `optimizer.step()`. Parameters without a gradient are skipped.
/// - Returns: the total norm ‖g‖ before clipping (useful to log; infinite or NaN if a gradient is).
@discardableResult
public func clipGradients(_ parameters: [Variable], maxNorm: Float) -> Float {
    require(maxNorm > 0 && !maxNorm.isNaN, "clipGradients: invalid maximum norm \(maxNorm)")
    var squaredSum: Double = 0
    for p in parameters {
        guard let g = p.grad else { continue }
        squaredSum += Double(g.squared().sum().scalar)
    }
    let norm = Float(squaredSum.squareRoot())
    let coefficient = maxNorm / (norm + 1e-6)
    if coefficient < 1 {
        for p in parameters where p.grad != nil { p.grad! *= coefficient }
    }
    return norm
}

/// Clamps every gradient element of `parameters` to [−maxValue, maxValue] (PyTorch's `clip_grad_value_`).
///
/// ```
/// gᵢ ← min(max(gᵢ, −maxValue), maxValue)
/// ```
/// Unlike ``clipGradients(_:maxNorm:)`` it changes the direction of the update; prefer clipping by
/// norm unless a reference recipe asks for value clipping.
public func clipGradients(_ parameters: [Variable], maxValue: Float) {
    require(maxValue > 0 && !maxValue.isNaN, "clipGradients: invalid maximum value \(maxValue)")
    for p in parameters {
        guard let g = p.grad else { continue }
        p.grad = g.clamped(min: -maxValue, max: maxValue)
    }
}
