import AprendizTensor

/// Training rows indexed for neighbour queries, made by ``NearestNeighbors/fit(_:)``: k-nearest and radius
/// queries, answered by a k-d tree or brute force (same answers; see ``NeighborAlgorithm``).
public struct NeighborIndex: Sendable {
    /// The settings it was fitted with.
    public let settings: NearestNeighbors
    /// Training rows.
    public let count: Int
    /// Features per row.
    public let featureCount: Int
    /// The algorithm `auto` resolved to at fit time (`brute` or `kd-tree`).
    public let algorithm: NeighborAlgorithm
    let reduced: ReducedDistance
    let tree: KDTree?
    /// The brute-force blocks when the algorithm is `brute` (`auto` queries asking for half the rows or more
    /// build them per call).
    let brute: BruteForceSearch?
    /// The training rows (kept for brute-force fallbacks and for the k-NN model files).
    public let data: Tensor

    init(_ x: Tensor, settings: NearestNeighbors) {
        self.settings = settings
        count = x.shape[0]
        featureCount = x.shape[1]
        data = x
        reduced = ReducedDistance(settings.metric)
        let useTree = switch settings.algorithm {
        case .kdTree: true
        case .brute: false
        case .auto: settings.metric.supportsKDTree && featureCount <= NeighborAlgorithm.treeFeatureLimit
        }
        algorithm = useTree ? .kdTree : .brute
        tree = useTree ? KDTree(x, reduced: reduced, leafSize: settings.leafSize) : nil
        brute = useTree ? nil : BruteForceSearch(x, reduced: reduced)
    }

    /// The query rows in `Double`, unit-normalised for cosine; checks their width.
    private func queryRows(_ queries: Tensor, _ function: String) -> [Double] {
        require(queries.rank == 2 && queries.shape[1] == featureCount,
                "NeighborIndex.\(function): queries must be [count, \(featureCount)], got \(queries.shape)")
        var rows = DenseMatrix(queries).values
        if reduced == .cosine { BruteForceSearch.normalizeRows(&rows, columns: featureCount) }
        return rows
    }

    /// The k nearest training rows of each query row (`[q, featureCount]`): distances and indices `[q, k]`,
    /// ascending, ties by lower index. With `excludingSelf`, the queries are the training rows themselves
    /// (q = ``count``) and row i is not its own neighbour (scikit-learn's `kneighbors(X=None)`; with duplicate
    /// rows, another copy of row i can still be returned at distance 0).
    /// Requires 1 ≤ k ≤ count (count − 1 when excluding self).
    public func kneighbors(_ queries: Tensor, k: Int, excludingSelf: Bool = false) -> KNeighborsResult {
        let available = count - (excludingSelf ? 1 : 0)
        require(k >= 1 && k <= available, "NeighborIndex.kneighbors: k = \(k) must be in 1...\(available) (training rows\(excludingSelf ? " minus self" : ""))")
        require(!excludingSelf || queries.shape.first == count,
                "NeighborIndex.kneighbors: excludingSelf needs the \(count) training rows as queries, got \(queries.shape)")
        let rows = queryRows(queries, "kneighbors")
        let q = queries.shape[0]
        let found = if let tree, !(settings.algorithm == .auto && k >= count / 2) {
            tree.kneighbors(rows, queryCount: q, k: k, excludingSelf: excludingSelf)
        } else {
            bruteSearch.kneighbors(rows, queryCount: q, k: k, excludingSelf: excludingSelf)
        }
        return KNeighborsResult(queryCount: q, k: k, distances: found.reduced.map(reduced.distance), indices: found.indices)
    }

    /// Each training row's k nearest other training rows (``kneighbors(_:k:excludingSelf:)`` on ``data``,
    /// excluding self): the k-NN graph of t-SNE, UMAP and DBSCAN.
    public func kneighbors(k: Int) -> KNeighborsResult { kneighbors(data, k: k, excludingSelf: true) }

    /// The training rows at distance ≤ `radius` from each query row, sorted ascending (ties by lower index);
    /// with `excludingSelf` the queries are the training rows and row i is not listed for itself.
    public func radiusNeighbors(_ queries: Tensor, radius: Double, excludingSelf: Bool = false) -> RadiusNeighborsResult {
        require(radius >= 0, "NeighborIndex.radiusNeighbors: radius = \(radius) must be ≥ 0")
        require(!excludingSelf || queries.shape.first == count,
                "NeighborIndex.radiusNeighbors: excludingSelf needs the \(count) training rows as queries, got \(queries.shape)")
        let rows = queryRows(queries, "radiusNeighbors")
        let bound = reduced.reduced(radius) * (1 + 1e-12)
        let found = if let tree {
            tree.radiusNeighbors(rows, queryCount: queries.shape[0], bound: bound, excludingSelf: excludingSelf)
        } else {
            bruteSearch.radiusNeighbors(rows, queryCount: queries.shape[0], bound: bound, excludingSelf: excludingSelf)
        }
        // The reduced bound may round either way: the rule is on the distance itself.
        let sorted = found.map { sortedNeighbors($0.filter { reduced.distance($0.0) <= radius }, reduced) }
        return RadiusNeighborsResult(indices: sorted.map(\.indices), distances: sorted.map(\.distances))
    }

    private var bruteSearch: BruteForceSearch { brute ?? BruteForceSearch(data, reduced: reduced) }
}
