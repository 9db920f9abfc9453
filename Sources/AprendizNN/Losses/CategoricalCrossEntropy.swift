import AprendizAutodiff
import AprendizTensor

/// Categorical cross-entropy on probabilities with one-hot or soft targets (§10.4.1, eq. 10.11).
///
/// ```
/// ℓᵢ = −Σ꜀ w꜀ y′ᵢ꜀ log ŷᵢ꜀,   y′ = (1 − ε)y + ε/C                 (10.11 with w = 1, ε = 0)
/// ∂ℓᵢ/∂ŷᵢ꜀ = −w꜀ y′ᵢ꜀ / ŷᵢ꜀
/// ```
/// For a model that already ends in a softmax (the book's setting). Each log is clamped at −100
/// (PyTorch's convention) so a zero probability gives a finite loss. Prefer
/// ``crossEntropy(logits:targets:classWeights:labelSmoothing:reduction:)``, which fuses the softmax
/// and has the gradient ŷ − y of eq. 10.12 exactly.
/// - Parameters:
///   - probabilities: ŷ, shape (batch, classes), entries in [0, 1].
///   - targets: y, the same shape; rows are one-hot or distributions (each must sum to 1).
///   - classWeights: w, one weight per class (PyTorch `weight`); default all 1.
///   - labelSmoothing: ε ∈ [0, 1] (PyTorch `label_smoothing`); default 0.
///   - reduction: `.mean` over the batch (default), `.sum` or `.none` (one loss per row).
public func categoricalCrossEntropy(probabilities: Variable, targets: Tensor, classWeights: Tensor? = nil,
                                    labelSmoothing: Float = 0, reduction: LossReduction = .mean) -> Variable {
    let loss = "categoricalCrossEntropy"
    LossCheck.require { () throws(LossError) in
        try CrossEntropyTargets.validate(loss, predictions: probabilities.value, areLogits: false, targets: targets,
                                         classWeights: classWeights, labelSmoothing: labelSmoothing)
    }
    let t = CrossEntropyTargets(distributions: targets, classWeights: classWeights, labelSmoothing: labelSmoothing)
    return reduction.apply(to: -(probabilities.clampedLog() * t.matrix).sum(axis: 1), divisor: t.meanDivisor)
}

/// Sparse categorical cross-entropy on probabilities, with class indices (§10.4.2, eq. 10.13).
///
/// ```
/// ℓᵢ = −log ŷᵢ,yᵢ                                                  (10.13)
/// with weights and smoothing:  ℓᵢ = −Σ꜀ w꜀((1 − ε)[c = yᵢ] + ε/C) log ŷᵢ꜀
/// ∂ℓᵢ/∂ŷᵢ꜀ = −[c = yᵢ] / ŷᵢ꜀   (w = 1, ε = 0)
/// ```
/// The same loss as ``categoricalCrossEntropy(probabilities:targets:classWeights:labelSmoothing:reduction:)``
/// with the one-hot rows given as indices (cheaper to store for many classes). The weighted `.mean`
/// divides by Σᵢ w_yᵢ, as PyTorch's `nll_loss`.
/// - Parameters:
///   - probabilities: ŷ, shape (batch, classes), entries in [0, 1].
///   - labels: class indices yᵢ ∈ 0..<C as whole numbers, shape (batch).
///   - classWeights: one weight per class; default all 1.
///   - labelSmoothing: ε ∈ [0, 1]; default 0.
///   - reduction: `.mean` (default), `.sum` or `.none`.
public func sparseCategoricalCrossEntropy(probabilities: Variable, labels: Tensor, classWeights: Tensor? = nil,
                                          labelSmoothing: Float = 0, reduction: LossReduction = .mean) -> Variable {
    let loss = "sparseCategoricalCrossEntropy"
    LossCheck.require { () throws(LossError) in
        try CrossEntropyTargets.validate(loss, predictions: probabilities.value, areLogits: false, labels: labels,
                                         classWeights: classWeights, labelSmoothing: labelSmoothing)
    }
    let t = CrossEntropyTargets(labels: labels, classCount: probabilities.shape[1], classWeights: classWeights,
                                labelSmoothing: labelSmoothing)
    return reduction.apply(to: -(probabilities.clampedLog() * t.matrix).sum(axis: 1), divisor: t.meanDivisor)
}
