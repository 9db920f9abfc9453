import AprendizAutodiff
import AprendizTensor

/// Scaled dot-product attention (§25.2; Vaswani et al. 2017, eq. 1): each query takes a weighted
/// average of the values, weighted by the softmax of its scaled dot products with the keys.
///
/// ```
/// A = softmax(Q·Kᵀ/√d + M)        Q: […, Lq, d]   K: […, Lk, d]   V: […, Lk, dᵥ]   A: […, Lq, Lk]
/// Y = dropout(A)·V                Y: […, Lq, dᵥ]
/// ```
/// Matches PyTorch's `F.scaled_dot_product_attention` (math path).
/// - Parameters:
///   - query: Q, `[…, Lq, d]`.
///   - key: K, `[…, Lk, d]`.
///   - value: V, `[…, Lk, dᵥ]`.
///   - mask: an additive mask M (see ``AttentionMask``), broadcastable to `[…, Lq, Lk]`, or `nil`.
///   - isCausal: also block keys after each query (``AttentionMask/causal(queries:keys:)``; default `false`).
///   - scale: the factor on Q·Kᵀ (default 1/√d).
///   - dropout: dropout applied to A before it multiplies V (in training mode), or `nil`.
/// - Returns: the output Y and the weights A (before dropout), for inspection (`explain attention`).
public func scaledDotProductAttention(query: Variable, key: Variable, value: Variable, mask: Tensor? = nil,
                                      isCausal: Bool = false, scale: Float? = nil,
                                      dropout: Dropout? = nil) -> (output: Variable, weights: Variable) {
    let rank = query.shape.count
    require(rank >= 2 && key.shape.count == rank && value.shape.count == rank
                && query.shape[rank - 1] == key.shape[rank - 1] && key.shape[rank - 2] == value.shape[rank - 2],
            "scaledDotProductAttention: query \(query.shape), key \(key.shape) and value \(value.shape) "
                + "need […, Lq, d], […, Lk, d] and […, Lk, dᵥ]")
    let depth = query.shape[rank - 1]
    var combined = mask
    if isCausal {
        let causal = AttentionMask.causal(queries: query.shape[rank - 2], keys: key.shape[rank - 2])
        combined = combined.map { $0 + causal } ?? causal
    }
    let scores = query.matmul(key, transposeOther: true)
    let weights = attentionWeights(scores: scores, scale: scale ?? 1 / Float(depth).squareRoot(), mask: combined)
    let dropped = dropout.map { $0(weights) } ?? weights
    return (dropped.matmul(value), weights)
}
