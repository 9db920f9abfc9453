import AprendizAutodiff
import AprendizTensor

/// Cross-entropy on logits with class indices, fused with the softmax (§10.4.2, eq. 10.13–10.14;
/// PyTorch `F.cross_entropy` with class indices). The trainer's default for classification.
///
/// ```
/// ŷᵢ = softmax(zᵢ),  log ŷᵢ꜀ = zᵢ꜀ − log Σₖ e^zᵢₖ                    (stable log-softmax)
/// ℓᵢ = −log ŷᵢ,yᵢ                                                 (10.13)
/// ∂ℓᵢ/∂zᵢₖ = ŷᵢₖ − yᵢₖ,  y = one-hot(labels)                        (10.14)
/// with class weights w and label smoothing ε:
/// ℓᵢ = −Σ꜀ Tᵢ꜀ log ŷᵢ꜀,  Tᵢ꜀ = w꜀((1 − ε)[c = yᵢ] + ε/C),  ∂ℓᵢ/∂zᵢ = ŷᵢ·Σ꜀Tᵢ꜀ − Tᵢ
/// .mean divides Σᵢ ℓᵢ by Σᵢ w_yᵢ (N without weights)
/// ```
/// One primitive: the forward computes the log-softmax row by row (exact for logits of ±100), the
/// backward multiplies the upstream gradient by the saved ŷΣT − T; it is not differentiable a
/// second time with respect to the logits (no Hessian through it).
/// - Parameters:
///   - logits: z, shape (batch, classes), the last layer before any softmax.
///   - labels: class indices as whole numbers, shape (batch); one out of 0..<C stops with its
///     index and value.
///   - classWeights: w, one weight per class (PyTorch `weight`); default all 1.
///   - labelSmoothing: ε ∈ [0, 1] (PyTorch `label_smoothing`); default 0.
///   - reduction: `.mean` (default), `.sum` or `.none` (one loss per row).
public func crossEntropy(logits: Variable, labels: Tensor, classWeights: Tensor? = nil,
                         labelSmoothing: Float = 0, reduction: LossReduction = .mean) -> Variable {
    let loss = "crossEntropy"
    LossCheck.require { () throws(LossError) in
        try CrossEntropyTargets.validate(loss, predictions: logits.value, areLogits: true, labels: labels,
                                         classWeights: classWeights, labelSmoothing: labelSmoothing)
    }
    let t = CrossEntropyTargets(labels: labels, classCount: logits.shape[1], classWeights: classWeights,
                                labelSmoothing: labelSmoothing)
    return reduction.apply(to: softmaxCrossEntropyTerms(logits, t.matrix), divisor: t.meanDivisor)
}

/// Cross-entropy on logits with one-hot or soft targets, fused with the softmax (§10.4.1,
/// eq. 10.11–10.12; PyTorch `F.cross_entropy` with class probabilities).
///
/// ```
/// ℓᵢ = −Σ꜀ yᵢ꜀ log softmax(zᵢ)꜀                                     (10.11)
/// ∂ℓᵢ/∂zᵢ = ŷᵢ − yᵢ                                                 (10.12)
/// with w and ε: Tᵢ꜀ = w꜀((1 − ε)yᵢ꜀ + ε/C),  ∂ℓᵢ/∂zᵢ = ŷᵢ·Σ꜀Tᵢ꜀ − Tᵢ;  .mean divides by N
/// ```
/// The same fused primitive as ``crossEntropy(logits:labels:classWeights:labelSmoothing:reduction:)``;
/// use it for one-hot targets or soft labels (distillation, mixup).
/// - Parameters:
///   - logits: z, shape (batch, classes).
///   - targets: y, the same shape; each row one-hot or a distribution (entries in [0, 1], sum 1).
///   - classWeights: one weight per class; default all 1.
///   - labelSmoothing: ε ∈ [0, 1]; default 0.
///   - reduction: `.mean` (default), `.sum` or `.none`.
public func crossEntropy(logits: Variable, targets: Tensor, classWeights: Tensor? = nil,
                         labelSmoothing: Float = 0, reduction: LossReduction = .mean) -> Variable {
    let loss = "crossEntropy(logits:targets:)"
    LossCheck.require { () throws(LossError) in
        try CrossEntropyTargets.validate(loss, predictions: logits.value, areLogits: true, targets: targets,
                                         classWeights: classWeights, labelSmoothing: labelSmoothing)
    }
    let t = CrossEntropyTargets(distributions: targets, classWeights: classWeights, labelSmoothing: labelSmoothing)
    return reduction.apply(to: softmaxCrossEntropyTerms(logits, t.matrix), divisor: t.meanDivisor)
}

/// The fused primitive ℓᵢ = −Σ꜀ Tᵢ꜀ log softmax(zᵢ)꜀ with backward (ŷᵢΣ꜀Tᵢ꜀ − Tᵢ)·gᵢ.
func softmaxCrossEntropyTerms(_ logits: Variable, _ targetWeights: Tensor) -> Variable {
    let z = logits.value
    let logProbabilities = z - z.logSumExp(axes: [1], keepDims: true)
    let terms = -(targetWeights * logProbabilities).sum(axes: [1])
    return Variable.recording(terms, inputs: [logits], operation: "softmaxCrossEntropy") { g, _ in
        let gradient = logProbabilities.exp() * targetWeights.sum(axes: [1], keepDims: true) - targetWeights
        return [g.reshaped([z.shape[0], 1]) * gradient]
    }
}
