import AprendizAutodiff
import AprendizTensor

/// Triplet loss with squared distances (§10.5.2.1, eq. 10.17; Schroff, Kalenichenko & Philbin 2015, FaceNet).
///
/// ```
/// L(a, p, n) = max(‖f(a) − f(p)‖² − ‖f(a) − f(n)‖² + α, 0)        (10.17)
/// ∂L/∂f(a) = 2(f(n) − f(p)),  ∂L/∂f(p) = −2(f(a) − f(p)),  ∂L/∂f(n) = 2(f(a) − f(n))   where L > 0
/// ```
/// Metric learning: pulls an anchor's embedding towards a positive (same identity) and pushes it
/// from a negative until the gap exceeds the margin α. Uses squared Euclidean distances, as the
/// book and FaceNet; PyTorch's `F.triplet_margin_loss` uses plain distances and margin 1, so its
/// numbers differ. The gradient is 0 where the loss is exactly 0.
/// - Parameters:
///   - anchors: f(a), shape (batch, dimensions).
///   - positives: f(p), the same shape.
///   - negatives: f(n), the same shape.
///   - margin: α ≥ 0 (default 0.2, FaceNet's).
///   - reduction: over the batch: `.mean` (default), `.sum` or `.none`.
public func tripletLoss(anchors: Variable, positives: Variable, negatives: Variable, margin: Float = 0.2,
                        reduction: LossReduction = .mean) -> Variable {
    require(margin >= 0, "tripletLoss: margin \(margin) must be non-negative")
    LossCheck.require { () throws(LossError) in
        try LossCheck.rank("tripletLoss", anchors.value, 2, role: "anchors", layout: "(batch, dimensions)")
        try LossCheck.sameShape("tripletLoss", anchors.shape, positives.shape, names: ("anchors", "positives"))
        try LossCheck.sameShape("tripletLoss", anchors.shape, negatives.shape, names: ("anchors", "negatives"))
    }
    let positiveDistance = (anchors - positives).squared().sum(axis: 1)
    let negativeDistance = (anchors - negatives).squared().sum(axis: 1)
    return reduction.apply(to: positivePart(positiveDistance - negativeDistance + margin))
}
