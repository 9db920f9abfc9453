import AprendizTensor

/// Nearest-neighbour search (§14, k-nearest neighbours; scikit-learn's `NearestNeighbors`): the settings of a
/// search — metric, algorithm, leaf size — whose ``fit(_:)`` indexes training rows into a ``NeighborIndex``
/// that answers k-nearest and radius queries.
///
/// ```
/// kneighbors(q, k):  the k rows xᵢ with the smallest d(q, xᵢ), ascending, ties by lower i
/// radius(q, r):      { i : d(q, xᵢ) ≤ r }
/// ```
/// Defaults as scikit-learn: euclidean distance, `auto` algorithm, leaf size 30.
///
/// ```swift
/// let index = try NearestNeighbors(metric: .euclidean).fit(x)
/// let result = index.kneighbors(queries, k: 5)        // result.indices, result.distances: [q × 5]
/// let graph = index.kneighbors(k: 15)                 // each training row's 15 others (t-SNE, UMAP)
/// ```
public struct NearestNeighbors: Sendable, Equatable, Codable {
    public static let name = "NearestNeighbors"
    /// The distance (default euclidean).
    public var metric: DistanceMetric
    /// How to search (default `auto`).
    public var algorithm: NeighborAlgorithm
    /// Rows per k-d tree leaf (default 30, as scikit-learn).
    public var leafSize: Int

    /// Validates and stores the settings.
    public init(metric: DistanceMetric = .euclidean, algorithm: NeighborAlgorithm = .auto, leafSize: Int = 30) throws(ClassicError) {
        self.metric = metric
        self.algorithm = algorithm
        self.leafSize = leafSize
        try validate()
    }

    /// Throws ``ClassicError/invalidHyperParameter(estimator:name:value:requirement:)`` for the first bad setting.
    public func validate() throws(ClassicError) {
        try metric.validate(for: Self.name)
        try checkHyperParameter(leafSize >= 1, Self.name, "leafSize", leafSize, "≥ 1")
        try checkHyperParameter(algorithm != .kdTree || metric.supportsKDTree, Self.name, "algorithm", algorithm,
                                "brute or auto for metric \(metric) (a k-d tree needs a Minkowski metric)")
    }

    /// Indexes the rows of `x` (`[count, features]`, finite): a k-d tree when ``algorithm`` resolves to one
    /// (see ``NeighborAlgorithm/auto``), else the blocks of a brute-force search.
    public func fit(_ x: Tensor) throws(ClassicError) -> NeighborIndex {
        try validate()
        try InputValidation.features(x, for: Self.name)
        return NeighborIndex(x, settings: self)
    }
}
