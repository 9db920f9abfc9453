import AprendizTensor

/// Additive attention masks (§25.2): tensors added to the scaled scores before the softmax, 0 where
/// a query may look at a key and −∞ where it may not, so the blocked weights become exactly 0.
///
/// ```
/// A = softmax(QKᵀ/√d + M)       M[i, j] = 0 (allowed) or −∞ (blocked)
/// ```
/// PyTorch uses two opposite Boolean conventions: `F.scaled_dot_product_attention` takes
/// `True` = *allowed* (``fromAllowed(_:)``), while `nn.MultiheadAttention`'s `attn_mask` and
/// `key_padding_mask` take `True` = *blocked* (``fromBlocked(_:)``, ``keyPadding(_:)``). A row
/// with every key blocked has no distribution: its weights are NaN, as in PyTorch.
public enum AttentionMask {
    /// A causal mask `[queries, keys]`: query i sees keys j ≤ i + (keys − queries).
    ///
    /// ```
    /// M[i, j] = 0 if j ≤ i + keys − queries, −∞ otherwise
    /// ```
    /// With `queries == keys` this is PyTorch's `is_causal=True` (lower triangle). With fewer
    /// queries than keys (incremental decoding with a ``KeyValueCache``) the new queries are the
    /// last positions, aligned to the bottom-right corner (PyTorch's `causal_lower_right`).
    public static func causal(queries: Int, keys: Int) -> Tensor {
        require(queries > 0 && keys >= queries, "AttentionMask.causal: \(queries) queries need at least as many keys, got \(keys)")
        let offset = keys - queries
        var scalars = [Float](repeating: 0, count: queries * keys)
        for i in 0..<queries {
            for j in (i + offset + 1)..<max(i + offset + 1, keys) { scalars[i * keys + j] = -.infinity }
        }
        return Tensor(shape: [queries, keys], scalars: scalars)
    }

    /// An additive mask from a Boolean one where non-zero means *allowed* (PyTorch SDPA's convention).
    public static func fromAllowed(_ allowed: Tensor) -> Tensor {
        Tensor(shape: allowed.shape, scalars: allowed.scalars.map { $0 != 0 ? 0 : -.infinity })
    }

    /// An additive mask from a Boolean one where non-zero means *blocked* (`nn.MultiheadAttention`'s).
    public static func fromBlocked(_ blocked: Tensor) -> Tensor {
        Tensor(shape: blocked.shape, scalars: blocked.scalars.map { $0 != 0 ? -.infinity : 0 })
    }

    /// A key-padding mask: `padded` is `[batch, keys]`, non-zero at padding positions; the result,
    /// `[batch, 1, 1, keys]`, broadcasts over heads and queries.
    public static func keyPadding(_ padded: Tensor) -> Tensor {
        require(padded.rank == 2, "AttentionMask.keyPadding: expected [batch, keys], got \(padded.shape)")
        return fromBlocked(padded).reshaped([padded.shape[0], 1, 1, padded.shape[1]])
    }
}
