import AprendizAutodiff
import AprendizTensor

/// Hinge loss (§10.3.2, eq. 10.9–10.10), the SVM's margin loss.
///
/// ```
/// L(y, f(x)) = max(0, 1 − y·f(x)),  y ∈ {−1, +1}                 (10.9)
/// ∂L/∂f(x)   = −y  if y·f(x) < 1,   0 if y·f(x) ≥ 1               (10.10)
/// ```
/// For maximum-margin binary classifiers with raw scores (no sigmoid): correct predictions beyond
/// the margin cost nothing. At y·f(x) = 1 the derivative is 0, as the book chooses.
/// - Parameters:
///   - scores: f(x), any shape.
///   - labels: y, the same shape, each −1 or +1 (0/1 labels stop with their index and value).
///   - reduction: `.mean` (default), `.sum` or `.none`.
public func hingeLoss(scores: Variable, labels: Tensor, reduction: LossReduction = .mean) -> Variable {
    reduction.apply(to: hingeTerms("hingeLoss", scores, labels))
}

/// Squared hinge loss (the L2-SVM loss; Keras `squared_hinge`).
///
/// ```
/// L(y, f(x)) = max(0, 1 − y·f(x))²,  y ∈ {−1, +1}
/// ∂L/∂f(x)   = −2y·max(0, 1 − y·f(x))
/// ```
/// Differentiable everywhere (unlike ``hingeLoss(scores:labels:reduction:)``) and punishes large
/// margin violations more; a smoother choice for gradient training of margin classifiers.
/// - Parameters:
///   - scores: f(x), any shape.
///   - labels: y, the same shape, each −1 or +1.
///   - reduction: `.mean` (default), `.sum` or `.none`.
public func squaredHingeLoss(scores: Variable, labels: Tensor, reduction: LossReduction = .mean) -> Variable {
    reduction.apply(to: hingeTerms("squaredHingeLoss", scores, labels).squared())
}

/// max(0, 1 − y·f) after checking shapes and ±1 labels.
private func hingeTerms(_ loss: String, _ scores: Variable, _ labels: Tensor) -> Variable {
    LossCheck.require { () throws(LossError) in try validateHinge(loss, scores: scores.value, labels: labels) }
    return positivePart(1 - scores * labels)
}

/// The checks of the hinge losses: same shapes, labels ±1.
func validateHinge(_ loss: String, scores: Tensor, labels: Tensor) throws(LossError) {
    try LossCheck.sameShape(loss, scores.shape, labels.shape, names: ("scores", "labels"))
    try LossCheck.labels(loss, labels, allowed: [-1, 1], role: "labels")
}
