import AprendizTensor

/// The keys and values one attention layer has already computed, for incremental decoding
/// (§25.6.2, GPT-style generation): each new token projects only itself and attends to the cache,
/// so generating token n costs O(n) instead of recomputing all n positions (O(n²)).
///
/// ```
/// K ← concat(K, k_new),  V ← concat(V, v_new)    along the sequence axis of [batch, heads, L, d]
/// ```
/// Inference only: the cached tensors are constants (no gradient).
public final class KeyValueCache {
    /// The cached keys `[batch, heads, length, headDimension]`, `nil` before the first step.
    public private(set) var keys: Tensor?
    /// The cached values, same shape as ``keys``.
    public private(set) var values: Tensor?

    /// An empty cache.
    public init() {}

    /// The number of positions cached.
    public var length: Int { keys?.shape[2] ?? 0 }

    /// Appends the new positions' keys and values and returns the whole sequences.
    public func appending(keys newKeys: Tensor, values newValues: Tensor) -> (keys: Tensor, values: Tensor) {
        require(newKeys.rank == 4 && newKeys.shape == newValues.shape,
                "KeyValueCache: keys \(newKeys.shape) and values \(newValues.shape) must both be [batch, heads, L, d]")
        if let keys, let values {
            require(keys.shape[0] == newKeys.shape[0] && keys.shape[1] == newKeys.shape[1] && keys.shape[3] == newKeys.shape[3],
                    "KeyValueCache: new keys \(newKeys.shape) do not extend cached \(keys.shape)")
            self.keys = Tensor.concatenate([keys, newKeys], axis: 2)
            self.values = Tensor.concatenate([values, newValues], axis: 2)
        } else {
            keys = newKeys
            values = newValues
        }
        return (keys!, values!)
    }

    /// Forgets everything cached.
    public func reset() { keys = nil; values = nil }
}
