import AprendizTensor

/// Hierarchical agglomerative clustering (chapter 17; scikit-learn 1.9's `AgglomerativeClustering`,
/// merge tree as SciPy's `linkage`).
///
/// Starting from one cluster per row, the two closest clusters merge until one is left; the distance
/// between a merged cluster x∪y and another cluster i follows Lance & Williams (1967):
/// ```
/// single:    d(x∪y, i) = min(dₓᵢ, d_yᵢ)
/// complete:  d(x∪y, i) = max(dₓᵢ, d_yᵢ)
/// average:   d(x∪y, i) = (nₓ·dₓᵢ + n_y·d_yᵢ) / (nₓ + n_y)
/// Ward:      d(x∪y, i) = √[((nᵢ + nₓ)·dₓᵢ² + (nᵢ + n_y)·d_yᵢ² − nᵢ·dₓ_y²) / (nᵢ + nₓ + n_y)]
/// ```
/// (Ward's merge distance is √(2·Δ inertia), SciPy's convention.) Single linkage uses Prim's minimum
/// spanning tree, the others the nearest-neighbour chain (Murtagh 1983; Müllner 2011), both O(n²) time
/// and memory over Euclidean distances in `Double`, in the same order as SciPy's `mst_single_linkage`
/// and `nn_chain`, so the tree is SciPy's, ties included. The clusters come from cutting the tree into
/// `clusterCount` clusters or, with a `distanceThreshold`, at the merges of distance < threshold.
/// Defaults: 2 clusters, Ward linkage.
public struct AgglomerativeClustering: Clusterer, Equatable, Sendable {
    public static let name = "AgglomerativeClustering"

    /// How the distance between two clusters is measured.
    public enum Linkage: String, CaseIterable, Equatable, Sendable {
        /// The closest pair of rows (chaining; Prim's minimum spanning tree).
        case single
        /// The farthest pair of rows (compact clusters).
        case complete
        /// The mean distance over all pairs (UPGMA).
        case average
        /// The increase of within-cluster variance (Ward 1963; Euclidean only).
        case ward
    }

    /// Where the tree is cut.
    public enum Cut: Equatable, Sendable {
        /// Into this many clusters.
        case clusterCount(Int)
        /// Merges at a distance below this threshold are kept (scikit-learn's `distance_threshold`).
        case distanceThreshold(Double)
    }

    /// The linkage (default `.ward`).
    public var linkage: Linkage
    /// The cut (default two clusters).
    public var cut: Cut

    /// Validates and stores the hyper-parameters.
    public init(cut: Cut = .clusterCount(2), linkage: Linkage = .ward) throws(ClassicError) {
        switch cut {
        case let .clusterCount(k): try checkHyperParameter(k >= 1, Self.name, "clusterCount", k, "at least 1")
        case let .distanceThreshold(t): try checkHyperParameter(t >= 0 && t.isFinite, Self.name, "distanceThreshold", t, "≥ 0")
        }
        (self.cut, self.linkage) = (cut, linkage)
    }

    /// The merge tree and the cluster of each row of `x`.
    public func fit(_ x: Tensor) throws(ClassicError) -> MergeTree {
        try InputValidation.features(x, for: Self.name)
        if case let .clusterCount(k) = cut {
            try checkHyperParameter(k <= x.shape[0], Self.name, "clusterCount", k, "at most the number of rows (\(x.shape[0]))")
        }
        return MergeTree(linkage: linkage, x: DenseMatrix(x))
    }

    public func clusterLabels(_ x: Tensor) throws(ClassicError) -> [Int] {
        let tree = try fit(x)
        switch cut {
        case let .clusterCount(k): return tree.labels(clusterCount: k)
        case let .distanceThreshold(t): return tree.labels(belowDistance: t)
        }
    }
}
