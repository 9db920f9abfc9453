import AprendizAutodiff
import AprendizTensor

/// Contrastive loss for pairs (§10.5.2.2; Hadsell, Chopra & LeCun 2006).
///
/// ```
/// D = ‖f(x₁) − f(x₂)‖₂
/// L = y·½D² + (1 − y)·½max(0, m − D)²,   y = 1 for a similar pair, 0 for a dissimilar one
/// ∂L/∂f(x₁) = y·(f(x₁) − f(x₂)) − (1 − y)·max(0, m − D)·(f(x₁) − f(x₂))/D,   ∂L/∂f(x₂) = −∂L/∂f(x₁)
/// ```
/// Metric learning from labelled pairs (siamese networks): similar pairs are pulled together,
/// dissimilar ones pushed apart until they are at least the margin m apart. The paper writes
/// Y = 0 for similar pairs; Aprendiz follows the common y = 1 convention (SPEC). D is computed as
/// √max(D², 10⁻¹²) so identical embeddings give a zero, not a NaN, gradient.
/// - Parameters:
///   - first: f(x₁), shape (batch, dimensions).
///   - second: f(x₂), the same shape.
///   - labels: y ∈ {0, 1}, shape (batch).
///   - margin: m > 0 (default 1).
///   - reduction: over the batch: `.mean` (default), `.sum` or `.none`.
public func contrastiveLoss(first: Variable, second: Variable, labels: Tensor, margin: Float = 1,
                            reduction: LossReduction = .mean) -> Variable {
    let loss = "contrastiveLoss"
    require(margin > 0, "\(loss): margin \(margin) must be positive")
    LossCheck.require { () throws(LossError) in
        try LossCheck.rank(loss, first.value, 2, role: "first", layout: "(batch, dimensions)")
        try LossCheck.sameShape(loss, first.shape, second.shape, names: ("first", "second"))
        try LossCheck.sameShape(loss, [first.shape[0]], labels.shape, names: ("batch", "labels"))
        try LossCheck.labels(loss, labels, allowed: [0, 1], role: "labels")
    }
    let squaredDistance = (first - second).squared().sum(axis: 1)
    let distance = squaredDistance.clamped(min: 1e-12).sqrt()
    let similar = squaredDistance * labels * 0.5
    let dissimilar = positivePart(margin - distance).squared() * (1 - labels) * 0.5
    return reduction.apply(to: similar + dissimilar)
}
