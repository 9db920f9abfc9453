import AprendizDistributed
import AprendizTensor

extension KMeans {
    /// k-means over the ranks of a distributed run (MPI): every rank passes the same rows `x` and gets
    /// the same fitted model as ``fit(_:)`` in one process, bit for bit.
    ///
    /// Centring and the k-means++ seeding are replicated (the same seed on every rank gives the same
    /// centres without a message). Each Lloyd iteration splits the blocks of 1 024 rows over the ranks
    /// (rank r takes a contiguous share, `Distributed.share(of:)`); every rank assigns its rows and
    /// sums them per cluster and block, and one all-reduce in `Double` of those per-block sums and
    /// counts (each entry non-zero on one rank only, so x + 0 + … = x exactly) gives every rank all the
    /// blocks, added in block order as one process adds them:
    /// ```
    /// S_j = Σ_b Σ_{i ∈ block b, ℓᵢ = j} xᵢ     (b = 0, 1, … in order, whatever rank assigned b)
    /// c_j = S_j / n_j
    /// ```
    /// The labels are exchanged once at the end (and when a cluster empties, to find the farthest row).
    /// Without MPI (`world.size == 1`) this is ``fit(_:)``. Throws ``ClassicError`` for bad input
    /// (the same on every rank) or `DistributedError` from MPI.
    public func fit(_ x: Tensor, across world: Distributed) throws -> FittedKMeans {
        try fit(x, world: world)
    }
}
