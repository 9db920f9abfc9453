import AprendizAutodiff
import AprendizTensor

/// Multilabel loss: binary cross-entropy per class on logits, averaged over the classes (§10.5.1,
/// eq. 10.15–10.16; PyTorch `F.multilabel_soft_margin_loss`).
///
/// ```
/// ŷ꜀ = σ(z꜀)
/// ℓᵢ = −(1/C) Σ꜀ w꜀[y꜀ log ŷ꜀ + (1 − y꜀) log(1 − ŷ꜀)]          (10.15, w = 1)
/// ∂ℓᵢ/∂z꜀ = (1/C) w꜀(ŷ꜀ − y꜀)                                  (10.16)
/// ```
/// For samples that carry several labels at once (tags, multi-object images): each class is an
/// independent yes/no. Built on the fused sigmoid + BCE primitive, so it is exact for logits of
/// ±100. The book divides by C inside each sample; `.mean` then also averages over the batch
/// (PyTorch's behaviour), so the gradient is (1/(N·C))(ŷ − y).
/// - Parameters:
///   - logits: z, shape (batch, classes).
///   - targets: y ∈ {0, 1} (or soft values in [0, 1]), the same shape.
///   - classWeights: w, one weight per class (PyTorch `weight`); default all 1.
///   - reduction: over the batch: `.mean` (default), `.sum` or `.none` (one loss per row).
public func multilabelCrossEntropy(logits: Variable, targets: Tensor, classWeights: Tensor? = nil,
                                   reduction: LossReduction = .mean) -> Variable {
    LossCheck.require { () throws(LossError) in
        try validateMultilabel(logits: logits.value, targets: targets, classWeights: classWeights)
    }
    let terms = weighted(logisticLossTerms(logits, targets), by: classWeights, in: "multilabelCrossEntropy")
    return reduction.apply(to: terms.mean(axis: 1))
}

/// The checks of ``multilabelCrossEntropy(logits:targets:classWeights:reduction:)``.
func validateMultilabel(logits: Tensor, targets: Tensor, classWeights: Tensor? = nil) throws(LossError) {
    let loss = "multilabelCrossEntropy"
    try LossCheck.rank(loss, logits, 2, role: "logits", layout: "(batch, classes)")
    try LossCheck.sameShape(loss, logits.shape, targets.shape, names: ("logits", "targets"))
    try LossCheck.probabilities(loss, targets, role: "targets")
    try LossCheck.classWeights(loss, classWeights, classCount: logits.shape[1])
}
