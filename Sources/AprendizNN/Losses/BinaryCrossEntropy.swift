import AprendizAutodiff
import AprendizTensor

/// Binary cross-entropy on probabilities (§10.3.1, eq. 10.7–10.8; PyTorch `F.binary_cross_entropy`).
///
/// ```
/// L(y, ŷ) = −[y log ŷ + (1 − y) log(1 − ŷ)]          (10.7)
/// ∂L/∂ŷ   = (ŷ − y) / (ŷ(1 − ŷ))                     (10.8)
/// ```
/// A single primitive whose backward is eq. 10.8 as written. Like PyTorch, each log is clamped at
/// −100 so that ŷ = 0 or 1 gives a finite loss, and the denominator of 10.8 at 10⁻¹² so the
/// gradient stays finite. Use for binary (or independent multi-label) targets when the model ends
/// in a sigmoid; prefer ``binaryCrossEntropy(logits:targets:weights:positiveWeight:reduction:)``,
/// which is exact for saturated outputs.
/// - Parameters:
///   - probabilities: ŷ ∈ [0, 1], any shape (a value outside stops with its index and value).
///   - targets: y ∈ [0, 1], the same shape.
///   - weights: per-element rescaling wᵢ, broadcast to the shape (PyTorch `weight`); default none.
///   - reduction: `.mean` (default), `.sum` or `.none`.
public func binaryCrossEntropy(probabilities: Variable, targets: Tensor, weights: Tensor? = nil,
                               reduction: LossReduction = .mean) -> Variable {
    let loss = "binaryCrossEntropy"
    LossCheck.require { () throws(LossError) in try validateBinaryCrossEntropy(probabilities: probabilities.value, targets: targets) }
    let p = probabilities
    let logP = p.value.log().maximum(Tensor(-100))
    let logNotP = (-p.value).log1p().maximum(Tensor(-100))
    let terms = Variable.recording(-(targets * logP + (1 - targets) * logNotP), inputs: [p],
                                   operation: "binaryCrossEntropy") { g, _ in
        [g * (p - targets) / (p * (1 - p)).maximum(Variable(Tensor(1e-12)))]
    }
    return reduction.apply(to: weighted(terms, by: weights, in: loss))
}

/// Binary cross-entropy on logits, fused with the sigmoid (PyTorch `F.binary_cross_entropy_with_logits`).
///
/// ```
/// ŷ = σ(z)
/// L = −[p·y log σ(z) + (1 − y) log(1 − σ(z))] = p·y·softplus(−z) + (1 − y)·softplus(z)
/// ∂L/∂z = (1 − y)σ(z) − p·y(1 − σ(z))        = σ(z) − y  when p = 1 (eq. 10.8 times σ′ = ŷ(1 − ŷ))
/// ```
/// with softplus(x) = max(x, 0) + log(1 + e^(−|x|)), so logits of ±100 give exact values and
/// gradients. One primitive; its backward multiplies the upstream gradient by the saved
/// σ(z) − y, so it is not differentiable twice with respect to z. The recommended binary loss.
/// - Parameters:
///   - logits: z, any shape.
///   - targets: y ∈ [0, 1], the same shape.
///   - weights: per-element rescaling, broadcast to the shape (PyTorch `weight`); default none.
///   - positiveWeight: p, weight of the positive term, broadcast along the last axis (PyTorch
///     `pos_weight`; > 1 raises recall); default 1.
///   - reduction: `.mean` (default), `.sum` or `.none`.
public func binaryCrossEntropy(logits: Variable, targets: Tensor, weights: Tensor? = nil,
                               positiveWeight: Tensor? = nil, reduction: LossReduction = .mean) -> Variable {
    let loss = "binaryCrossEntropy(logits:)"
    LossCheck.require { () throws(LossError) in try validateBinaryCrossEntropy(logits: logits.value, targets: targets) }
    let terms = logisticLossTerms(logits, targets, positiveWeight: positiveWeight)
    return reduction.apply(to: weighted(terms, by: weights, in: loss))
}

/// The per-element terms p·y·softplus(−z) + (1 − y)·softplus(z) as one primitive (shared by the
/// logit BCE, the multilabel loss and the GAN losses).
func logisticLossTerms(_ logits: Variable, _ targets: Tensor, positiveWeight: Tensor? = nil) -> Variable {
    let z = logits.value
    let softplus = z.mapped(SoftplusKernel())
    let value: Tensor
    if let positiveWeight {
        value = (1 - targets) * softplus + positiveWeight * targets * (softplus - z)
    } else {
        value = softplus - targets * z
    }
    return Variable.recording(value, inputs: [logits], operation: "binaryCrossEntropyWithLogits") { g, _ in
        let sigma = z.mapped(LogisticSigmoidKernel())
        guard let positiveWeight else { return [g * (sigma - targets)] }
        return [g * ((1 - targets) * sigma - positiveWeight * targets * (1 - sigma))]
    }
}

/// The checks of ``binaryCrossEntropy(probabilities:targets:weights:reduction:)``.
func validateBinaryCrossEntropy(probabilities: Tensor, targets: Tensor) throws(LossError) {
    let loss = "binaryCrossEntropy"
    try LossCheck.sameShape(loss, probabilities.shape, targets.shape, names: ("probabilities", "targets"))
    try LossCheck.probabilities(loss, probabilities, role: "probabilities")
    try LossCheck.probabilities(loss, targets, role: "targets")
}

/// The checks of ``binaryCrossEntropy(logits:targets:weights:positiveWeight:reduction:)``.
func validateBinaryCrossEntropy(logits: Tensor, targets: Tensor) throws(LossError) {
    let loss = "binaryCrossEntropy(logits:)"
    try LossCheck.sameShape(loss, logits.shape, targets.shape, names: ("logits", "targets"))
    try LossCheck.probabilities(loss, targets, role: "targets")
}

/// Terms times optional element weights, which must broadcast to the terms' shape.
func weighted(_ terms: Variable, by weights: Tensor?, in loss: String) -> Variable {
    guard let weights else { return terms }
    require(Shape.broadcast(weights.shape, terms.shape, in: loss) == terms.shape,
                 "\(loss): weights shape \(weights.shape) does not broadcast to \(terms.shape)")
    return terms * weights
}
