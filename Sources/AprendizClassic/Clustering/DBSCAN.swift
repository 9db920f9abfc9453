import AprendizTensor

/// Density-based clustering (chapter 17; Ester, Kriegel, Sander & Xu 1996; scikit-learn 1.9's `DBSCAN`).
///
/// ```
/// N_ε(xᵢ) = {xⱼ : ‖xᵢ − xⱼ‖ ≤ ε}            (xᵢ itself included)
/// core      ⇔ |N_ε(xᵢ)| ≥ minSamples
/// a cluster = the core rows connected through ε-neighbourhoods, plus the border rows in their reach
/// noise     = every other row, label −1
/// ```
/// Clusters are numbered in the order of their lowest-index core row and a border row reachable from
/// several clusters joins the first, as scikit-learn's `dbscan_inner` does, so the labels are
/// identical to scikit-learn's. Neighbourhoods come from exact squared distances in `Double`, compared
/// with ε²: with at most 15 features through a k-d tree (`KDTree`, leaves of 30 rows, as scikit-learn's
/// `algorithm="auto"`; about O(n log n) for small ε), else by brute force over all pairs in parallel
/// blocks (O(n²) time); O(n·neighbours) memory either way. Both give the same neighbourhoods, bit for bit:
/// the tree computes the same sums in the same order and only skips boxes whose lower bound exceeds ε².
/// Defaults: ε = 0.5, minSamples = 5, `algorithm` `.auto`.
public struct DBSCAN: Clusterer, Equatable, Sendable {
    /// The estimator's name in error messages (`Estimator` requirement).
    public static let name = "DBSCAN"
    /// The neighbourhood radius ε (default 0.5).
    public var eps: Double
    /// Neighbours (the row included) that make a core row (default 5).
    public var minSamples: Int
    /// How neighbourhoods are found: `.auto` (a k-d tree up to 15 features, else brute force), `.kdTree`
    /// or `.brute` (default `.auto`). The labels do not depend on it.
    public var algorithm: NeighborAlgorithm = .auto

    /// Validates and stores the hyper-parameters.
    public init(eps: Double = 0.5, minSamples: Int = 5, algorithm: NeighborAlgorithm = .auto) throws(ClassicError) {
        try checkHyperParameter(eps > 0 && eps.isFinite, Self.name, "eps", eps, "a positive number")
        try checkHyperParameter(minSamples >= 1, Self.name, "minSamples", minSamples, "at least 1")
        (self.eps, self.minSamples, self.algorithm) = (eps, minSamples, algorithm)
    }

    /// The clustering of the rows of `x`: labels (−1 for noise) and which rows are core.
    public func fit(_ x: Tensor) throws(ClassicError) -> DBSCANResult {
        try InputValidation.features(x, for: Self.name)
        let useTree = algorithm == .kdTree || (algorithm == .auto && x.shape[1] <= NeighborAlgorithm.treeFeatureLimit)
        let neighbourhoods = useTree ? RadiusNeighbours.withinTree(eps, of: x) : RadiusNeighbours.within(eps, of: DenseMatrix(x))
        let core = neighbourhoods.map { $0.count >= minSamples }
        var labels = [Int](repeating: -1, count: neighbourhoods.count), next = 0
        for start in labels.indices where labels[start] == -1 && core[start] {
            var stack = [start]
            while let i = stack.popLast() {
                guard labels[i] == -1 else { continue }
                labels[i] = next
                if core[i] { stack += neighbourhoods[i].filter { labels[$0] == -1 } }
            }
            next += 1
        }
        return DBSCANResult(labels: labels, coreSampleIndices: core.indices.filter { core[$0] })
    }

    /// The cluster of every row of `x`, fitting on `x` (`Clusterer` requirement).
    public func clusterLabels(_ x: Tensor) throws(ClassicError) -> [Int] { try fit(x).labels }
}

/// The result of ``DBSCAN/fit(_:)`` (scikit-learn's `labels_` and `core_sample_indices_`).
public struct DBSCANResult: Equatable, Sendable {
    /// The cluster of each row, −1 for noise.
    public let labels: [Int]
    /// The rows with at least `minSamples` neighbours, ascending.
    public let coreSampleIndices: [Int]
}

/// All pairs within a radius: by blocked brute force (each block of rows against all rows, in parallel)
/// or through a k-d tree; both test Σⱼ(xᵢⱼ − xₖⱼ)² ≤ r² on the same `Double` sums.
enum RadiusNeighbours {
    /// Leaf size of the tree (scikit-learn's `leaf_size` default).
    static let leafSize = 30

    /// ``within(_:of:)`` through a k-d tree over the rows (few features); each list in tree order.
    static func withinTree(_ radius: Double, of x: Tensor) -> [[Int]] {
        let tree = KDTree(x, reduced: .squared(root: false), leafSize: leafSize)
        let found = tree.radiusNeighbors(DenseMatrix(x).values, queryCount: x.shape[0], bound: radius * radius, excludingSelf: false)
        return found.map { $0.map(\.1) }
    }

    /// For each row, the indices (ascending, itself included) of rows with ‖xᵢ − xⱼ‖² ≤ r².
    static func within(_ radius: Double, of x: DenseMatrix) -> [[Int]] {
        let (n, p) = (x.rows, x.columns), r2 = radius * radius
        var result = [[Int]](repeating: [], count: n)
        let blockSize = 256, blocks = (n + blockSize - 1) / blockSize
        x.values.withUnsafeBufferPointer { v in
            result.withUnsafeMutableBufferPointer { out in
                let (v, out) = (UncheckedPointer(v.baseAddress!), UncheckedBuffer(out))
                Parallel.forEach(blocks) { block in
                    for i in (block * blockSize)..<min(n, (block + 1) * blockSize) {
                        var neighbours: [Int] = []
                        for j in 0..<n {
                            var sum = 0.0
                            for f in 0..<p { let d = v.base[i * p + f] - v.base[j * p + f]; sum += d * d }
                            if sum <= r2 { neighbours.append(j) }
                        }
                        out[i] = neighbours
                    }
                }
            }
        }
        return result
    }
}
