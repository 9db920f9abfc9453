import AprendizAutodiff
import AprendizTensor

/// The attention weights as one fused, numerically stable primitive (§25.2): scale, add the mask and
/// take the softmax over the keys in one node.
///
/// ```
/// Z = c·S + M,   A = softmax(Z) along the last axis, computed as e^(Z − max Z) / Σ e^(Z − max Z)
/// ∂L/∂S = c · A ⊙ (G − Σⱼ Gⱼ Aⱼ)          (the softmax VJP, reusing A; M is a constant)
/// ```
/// - Parameters:
///   - scores: S = QKᵀ, `[…, queries, keys]`.
///   - scale: c, usually 1/√d.
///   - mask: M, additive (0 or −∞), broadcastable to the scores' shape, or `nil`.
/// The max is taken after the mask, so blocked keys never overflow the exponentials; a row whose
/// keys are all blocked gives NaN, as PyTorch does.
public func attentionWeights(scores: Variable, scale: Float, mask: Tensor? = nil) -> Variable {
    var logits = scores.value * scale
    if let mask {
        require(Shape.broadcast(logits.shape, mask.shape, in: "attentionWeights") == logits.shape,
                "attentionWeights: mask of shape \(mask.shape) does not broadcast to scores of shape \(scores.shape)")
        logits = logits + mask
    }
    let exponentials = (logits - logits.max(axes: [-1], keepDims: true)).exp()
    let weights = exponentials / exponentials.sum(axes: [-1], keepDims: true)
    return Variable.recording(weights, inputs: [scores], operation: "attentionWeights") { g, a in
        [(a * (g - (g * a).sum(axes: [-1], keepDims: true))) * scale]
    }
}
