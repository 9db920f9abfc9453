import AprendizAutodiff
import AprendizTensor

/// Mean squared error (§10.2.1, eq. 10.1–10.2; PyTorch `F.mse_loss`).
///
/// ```
/// L = (1/N) Σᵢ (yᵢ − ŷᵢ)²                  (10.1, reduction .mean)
/// ∂L/∂ŷᵢ = (2/N)(ŷᵢ − yᵢ)                  (10.2)
/// halved, .sum:  E = ½ Σᵢ (yᵢ − ŷᵢ)²,  ∂E/∂ŷᵢ = ŷᵢ − yᵢ   (the §6.2 backpropagation example)
/// ```
/// The default loss for regression: it punishes large errors quadratically, so it is sensitive to
/// outliers (use ``maeLoss(predictions:targets:reduction:)`` or
/// ``huberLoss(predictions:targets:delta:reduction:)`` when the targets have them).
/// - Parameters:
///   - predictions: ŷ, any shape.
///   - targets: y, the same shape (a mismatch stops with a message: no silent broadcasting).
///   - reduction: `.mean` (default), `.sum` or `.none` (the squared errors).
///   - halved: multiply by ½ (the §6.2 form, whose derivative is ŷ − y); default false.
public func mseLoss(predictions: Variable, targets: Tensor, reduction: LossReduction = .mean,
                    halved: Bool = false) -> Variable {
    LossCheck.require { () throws(LossError) in try LossCheck.sameShape("mseLoss", predictions.shape, targets.shape) }
    let loss = reduction.apply(to: (predictions - targets).squared())
    return halved ? loss * 0.5 : loss
}

/// Mean absolute error (§10.2.2, eq. 10.3–10.4; PyTorch `F.l1_loss`).
///
/// ```
/// L = (1/N) Σᵢ |yᵢ − ŷᵢ|                    (10.3)
/// ∂L/∂ŷᵢ = (1/N) sgn(ŷᵢ − yᵢ)               (10.4; 0 where ŷᵢ = yᵢ)
/// ```
/// Regression that is robust to outliers (every error pulls with the same force) and estimates the
/// median; its gradient does not shrink near the optimum, so it may need a decaying learning rate.
/// - Parameters:
///   - predictions: ŷ, any shape.
///   - targets: y, the same shape.
///   - reduction: `.mean` (default), `.sum` or `.none`.
public func maeLoss(predictions: Variable, targets: Tensor, reduction: LossReduction = .mean) -> Variable {
    LossCheck.require { () throws(LossError) in try LossCheck.sameShape("maeLoss", predictions.shape, targets.shape) }
    return reduction.apply(to: (predictions - targets).abs())
}
