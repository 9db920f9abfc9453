import AprendizAutodiff
import AprendizTensor

/// The attention weights as one fused, numerically stable primitive (§25.2): scale, add the mask and
/// take the softmax over the keys in one node.
///
/// ```
/// Z = c·S + M,   A = softmax(Z) along the last axis, computed as e^(Z − max Z) / Σ e^(Z − max Z)
/// ∂L/∂S = c · A ⊙ (G − Σⱼ GⱼAⱼ)          (the softmax VJP, reusing A; M is a constant)
/// ```
/// - Parameters:
///   - scores: S = QKᵀ, `[…, queries, keys]`.
///   - scale: c, usually 1/√d.
///   - mask: M, additive (0 or −∞), broadcastable to the scores' shape, or `nil`.
/// The max is taken after the mask, so blocked keys never overflow the exponentials; a row whose
/// keys are all blocked gives NaN, as PyTorch does. A mask of shape `[queries, keys]` (or `nil`) is
/// read in place, row by row, in the same pass as the exponentials (keys after a row's last unblocked
/// one, as in a causal mask, are set to 0 without an exponential): the forward pass writes A once
/// and the backward pass writes ∂L/∂S once (other masks are added first, as a broadcast). A backward
/// pass that records the gradient's own graph (`createGraph: true`) uses variable operations.
public func attentionWeights(scores: Variable, scale: Float, mask: Tensor? = nil) -> Variable {
    let keys = scores.shape.last ?? 1, queries = scores.shape.count >= 2 ? scores.shape[scores.shape.count - 2] : 1
    var logits = scores.value, rowMask = mask, forwardScale = scale
    if let mask {
        require(Shape.broadcast(logits.shape, mask.shape, in: "attentionWeights") == logits.shape,
                "attentionWeights: mask of shape \(mask.shape) does not broadcast to scores of shape \(scores.shape)")
        let perQuery = mask.count == queries * keys && mask.shape.suffix(2).elementsEqual([queries, keys])
        if !perQuery { (logits, rowMask, forwardScale) = (logits * scale + mask, nil, 1) }
    }
    let weights = softmaxRows(logits, scale: forwardScale, mask: rowMask, queries: queries, keys: keys)
    return Variable.recording(weights, inputs: [scores], operation: "attentionWeights") { g, a in
        guard !GradientMode.isRecording else { return [(a * (g - (g * a).sum(axes: [-1], keepDims: true))) * scale] }
        return [Variable(softmaxRowsBackward(g.value, weights: a.value, scale: scale, keys: keys))]
    }
}

/// softmax(c·s + m) of every row of `logits` (rows of `keys`), with `mask` `[queries, keys]` repeating
/// every `queries` rows.
private func softmaxRows(_ logits: Tensor, scale: Float, mask: Tensor?, queries: Int, keys: Int) -> Tensor {
    var result = Tensor(uninitializedShape: logits.shape)
    let rows = logits.count / max(keys, 1)
    let maskScalars = mask?.scalars
    // Per mask row, the keys before its trailing run of −∞ (a causal mask's upper triangle): those
    // weights are exactly 0 and need no exponential. A row blocked everywhere keeps all its keys (NaN).
    let openKeys = (0..<(maskScalars == nil ? 0 : queries)).map { query -> Int in
        let row = maskScalars![(query * keys)..<((query + 1) * keys)]
        let open = (row.lastIndex { $0 != -.infinity } ?? (query * keys - 1)) + 1 - query * keys
        return open == 0 ? keys : open
    }
    logits.withUnsafeBufferPointer { s in
        result.withUnsafeMutableBufferPointer { out in
            maskScalars.withOptionalPointer { m in
              KernelPartition.forEachChunk(rows, grain: keys) { first, end in      // rows are independent
                for row in first..<end {
                    let z = out.baseAddress! + row * keys, source = s.baseAddress! + row * keys
                    var largest = -Float.infinity, open = keys
                    if let m {
                        let maskRow = m + (row % queries) * keys
                        open = openKeys[row % queries]
                        for j in 0..<open { z[j] = scale * source[j] + maskRow[j]; largest = max(largest, z[j]) }
                        (z + open).update(repeating: 0, count: keys - open)
                    } else {
                        for j in 0..<keys { z[j] = scale * source[j]; largest = max(largest, z[j]) }
                    }
                    exponentiate(z, count: open, minus: largest)
                    var sum: Float = 0
                    for j in 0..<open { sum += z[j] }
                    let reciprocal = 1 / sum
                    for j in 0..<open { z[j] *= reciprocal }
                }
              }
            }
        }
    }
    return result
}

/// z ← e^(z − shift), 8 lanes at a time (an all-blocked row, shift = −∞, gives NaN as PyTorch).
private func exponentiate(_ z: UnsafeMutablePointer<Float>, count: Int, minus shift: Float) {
    var j = 0
    let raw = UnsafeMutableRawPointer(z)
    while j + 8 <= count {
        let lanes = raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
        raw.storeBytes(of: VectorMath.exp(lanes - shift), toByteOffset: j * 4, as: SIMD8<Float>.self)
        j += 8
    }
    while j < count { z[j] = (z[j] - shift).exp1(); j += 1 }
}

/// c·A ⊙ (G − Σⱼ GⱼAⱼ) row by row.
private func softmaxRowsBackward(_ upstream: Tensor, weights: Tensor, scale: Float, keys: Int) -> Tensor {
    var result = Tensor(uninitializedShape: weights.shape)
    let rows = weights.count / max(keys, 1)
    upstream.withUnsafeBufferPointer { g in
        weights.withUnsafeBufferPointer { a in
            result.withUnsafeMutableBufferPointer { out in
                KernelPartition.forEachChunk(rows, grain: keys) { first, end in      // rows are independent
                    for row in first..<end {
                        let base = row * keys
                        var dot: Float = 0
                        for j in 0..<keys { dot += g[base + j] * a[base + j] }
                        for j in 0..<keys { out[base + j] = scale * a[base + j] * (g[base + j] - dot) }
                    }
                }
            }
        }
    }
    return result
}

private extension Float {
    /// eˢᵉˡᶠ through the SIMD kernel's scalar lane, so tails agree with the vector body.
    func exp1() -> Float { VectorMath.exp(SIMD8(repeating: self))[0] }
}

private extension Optional where Wrapped == [Float] {
    /// `body` with the array's base address, or `nil` without an array.
    func withOptionalPointer<R>(_ body: (UnsafePointer<Float>?) -> R) -> R {
        guard let self else { return body(nil) }
        return self.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}
