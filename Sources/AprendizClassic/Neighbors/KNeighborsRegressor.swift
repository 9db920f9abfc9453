import AprendizData
import AprendizTensor

/// k-nearest-neighbour regression (§14; scikit-learn's `KNeighborsRegressor`): a query's prediction is the
/// weighted mean of its k nearest training targets,
/// ```
/// ŷ(q) = Σ_{i ∈ N_k(q)} wᵢ·yᵢ / Σ_{i ∈ N_k(q)} wᵢ          (wᵢ: ``NeighborWeights``)
/// ```
/// Defaults as scikit-learn: k = 5, uniform weights, euclidean distance, `auto` algorithm, leaf size 30.
public struct KNeighborsRegressor: Estimator, Equatable, Codable {
    public static let name = "KNeighborsRegressor"
    /// k: neighbours averaged (default 5).
    public var neighbors: Int
    /// Their weights (default uniform).
    public var weights: NeighborWeights
    /// The neighbour search: metric, algorithm, leaf size.
    public var search: NearestNeighbors

    /// Validates and stores the hyper-parameters.
    public init(neighbors: Int = 5, weights: NeighborWeights = .uniform, metric: DistanceMetric = .euclidean,
                algorithm: NeighborAlgorithm = .auto, leafSize: Int = 30) throws(ClassicError) {
        self.neighbors = neighbors
        self.weights = weights
        self.search = try NearestNeighbors(metric: metric, algorithm: algorithm, leafSize: leafSize).renamed(to: Self.name)
        try validate()
    }

    public func validate() throws(ClassicError) { try validateSettings() }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> KNeighborsRegressorModel {
        KNeighborsRegressorModel(estimator: self, index: try indexTrainingRows(x, y), targets: y.scalars.map(Double.init))
    }
}

/// A fitted ``KNeighborsRegressor``: the indexed training rows and their targets. Its model file (kind
/// `knn-regressor`) stores the training rows (`x`), the targets (`y`) and the settings.
public struct KNeighborsRegressorModel: RegressionModel, ArchivableModel, Equatable {
    public static let archiveKind = "knn-regressor"
    /// The hyper-parameters it was fitted with.
    public let estimator: KNeighborsRegressor
    /// The indexed training rows.
    public let index: NeighborIndex
    /// The training targets.
    public let targets: [Double]
    public var featureCount: Int { index.featureCount }

    public func predict(_ x: Tensor) -> Tensor {
        let neighbors = index.kneighbors(x, k: estimator.neighbors)
        var weights: [Double] = []
        return Tensor((0..<neighbors.queryCount).map { q in
            estimator.weights.weights(neighbors.distances(ofQuery: q), into: &weights)
            let sum = zip(weights, neighbors.indices(ofQuery: q)).reduce(0.0) { $0 + $1.0 * targets[$1.1] }
            return Float(sum / weights.reduce(0, +))
        })
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.estimator == b.estimator && a.targets == b.targets && a.index.data == b.index.data
    }

    public func archived() -> SafetensorsArchive {
        SafetensorsArchive(tensors: ["x": index.data, "y": Tensor(targets.map(Float.init))],
                           estimator: KNeighborsRegressor.name, hyperParameters: estimator.archivedParameters)
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let estimator = try KNeighborsRegressor(archivedParameters: archive.hyperParameters, kind: Self.archiveKind)
        let (x, y) = (try archive.tensor("x", for: Self.archiveKind), try archive.tensor("y", for: Self.archiveKind))
        do { self = try estimator.fit(x, y) } catch { throw .invalidModelFile(expected: Self.archiveKind, reason: error.description) }
    }

    init(estimator: KNeighborsRegressor, index: NeighborIndex, targets: [Double]) {
        self.estimator = estimator
        self.index = index
        self.targets = targets
    }
}
