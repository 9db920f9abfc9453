import AprendizAutodiff
import AprendizTensor

/// Huber loss (§10.2.3, eq. 10.5–10.6; PyTorch `F.huber_loss`).
///
/// ```
/// L_δ(y, ŷ) = ½(y − ŷ)²             if |y − ŷ| ≤ δ        (10.5)
///           = δ(|y − ŷ| − ½δ)       otherwise
/// ∂L_δ/∂ŷ  = ŷ − y                  if |ŷ − y| ≤ δ        (10.6)
///           = δ·sgn(ŷ − y)          otherwise
/// ```
/// Quadratic near the target, linear beyond δ: the smooth gradient of MSE for small errors and the
/// outlier robustness of MAE for large ones. The book writes ≤ δ and PyTorch < δ; both branches
/// (and their derivatives) agree at |y − ŷ| = δ, so the two are the same function.
/// - Parameters:
///   - predictions: ŷ, any shape.
///   - targets: y, the same shape.
///   - delta: δ > 0, where the loss turns linear (default 1, as the book's figure and PyTorch).
///   - reduction: `.mean` (default), `.sum` or `.none`.
public func huberLoss(predictions: Variable, targets: Tensor, delta: Float = 1,
                      reduction: LossReduction = .mean) -> Variable {
    require(delta > 0, "huberLoss: delta \(delta) must be positive")
    LossCheck.require { () throws(LossError) in try LossCheck.sameShape("huberLoss", predictions.shape, targets.shape) }
    let error = predictions - targets
    let magnitude = error.abs()
    let quadratic = error.squared() * 0.5
    let linear = (magnitude - 0.5 * delta) * delta
    return reduction.apply(to: Variable.where(magnitude.value.lessOrEqual(Tensor(delta)), quadratic, linear))
}
