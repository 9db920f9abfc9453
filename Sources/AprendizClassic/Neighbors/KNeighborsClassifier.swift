import AprendizData
import AprendizTensor

/// k-nearest-neighbour classification (§14; scikit-learn's `KNeighborsClassifier`): a query's class
/// probabilities are the weighted votes of its k nearest training rows,
/// ```
/// P(c | q) = Σ_{i ∈ N_k(q)} wᵢ·[yᵢ = c] / Σ_{i ∈ N_k(q)} wᵢ          (wᵢ: ``NeighborWeights``)
/// ŷ(q)    = argmax_c P(c | q)   (ties: the smaller label)
/// ```
/// There is nothing to learn: `fit` indexes the training rows (``NearestNeighbors``). Defaults as
/// scikit-learn: k = 5, uniform weights, euclidean distance (Minkowski p = 2), `auto` algorithm, leaf size 30.
public struct KNeighborsClassifier: Estimator, Equatable, Codable {
    public static let name = "KNeighborsClassifier"
    /// k: neighbours that vote (default 5).
    public var neighbors: Int
    /// How they vote (default uniform).
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

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> KNeighborsClassifierModel {
        let index = try indexTrainingRows(x, y)
        let labels = try ClassLabels(y, for: Self.name)
        return KNeighborsClassifierModel(estimator: self, index: index, labels: labels.indices, classes: labels.classes)
    }
}

/// k must not exceed the training rows (scikit-learn refuses at prediction time; here at fit time).
func checkNeighborCount(_ k: Int, rows: Int, for estimator: String) throws(ClassicError) {
    guard k <= rows else {
        throw .invalidData(estimator: estimator, reason: "neighbors = \(k) but x has only \(rows) rows (need at least k)")
    }
}

extension NearestNeighbors {
    /// The same settings, validation errors reported under `estimator`.
    func renamed(to estimator: String) throws(ClassicError) -> NearestNeighbors {
        do { try validate() } catch { throw error.renamed(from: Self.name, to: estimator) }
        return self
    }
}

/// A fitted ``KNeighborsClassifier``: the indexed training rows and their classes. Its model file
/// (kind `knn-classifier`) stores the training rows (`x`), their labels (`y`) and the settings.
public struct KNeighborsClassifierModel: ClassificationModel, ArchivableModel, Equatable {
    public static let archiveKind = "knn-classifier"
    /// The hyper-parameters it was fitted with.
    public let estimator: KNeighborsClassifier
    /// The indexed training rows.
    public let index: NeighborIndex
    /// Each training row's position in ``classes``.
    public let labels: [Int]
    public let classes: [Int]
    public var featureCount: Int { index.featureCount }

    init(estimator: KNeighborsClassifier, index: NeighborIndex, labels: [Int], classes: [Int]) {
        self.estimator = estimator
        self.index = index
        self.labels = labels
        self.classes = classes
    }

    public func predictProbabilities(_ x: Tensor) -> Tensor {
        let neighbors = index.kneighbors(x, k: estimator.neighbors)
        let classCount = classes.count
        var probabilities = [Float](repeating: 0, count: neighbors.queryCount * classCount)
        var weights: [Double] = [], votes = [Double](repeating: 0, count: classCount)
        for q in 0..<neighbors.queryCount {
            estimator.weights.weights(neighbors.distances(ofQuery: q), into: &weights)
            for c in 0..<classCount { votes[c] = 0 }
            for (w, i) in zip(weights, neighbors.indices(ofQuery: q)) { votes[labels[i]] += w }
            let total = votes.reduce(0, +)
            for c in 0..<classCount { probabilities[q * classCount + c] = Float(votes[c] / total) }
        }
        return Tensor(shape: [neighbors.queryCount, classCount], scalars: probabilities)
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.estimator == b.estimator && a.classes == b.classes && a.labels == b.labels && a.index.data == b.index.data
    }

    public func archived() -> SafetensorsArchive {
        var archive = SafetensorsArchive(tensors: ["x": index.data, "y": Tensor(labels.map { Float(classes[$0]) })],
                                         estimator: KNeighborsClassifier.name, hyperParameters: estimator.archivedParameters)
        archive.metadata["classes"] = ClassListCoding.encode(classes)
        return archive
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let estimator = try KNeighborsClassifier(archivedParameters: archive.hyperParameters, kind: Self.archiveKind)
        let (x, y) = (try archive.tensor("x", for: Self.archiveKind), try archive.tensor("y", for: Self.archiveKind))
        let model: KNeighborsClassifierModel
        do { model = try estimator.fit(x, y) } catch { throw .invalidModelFile(expected: Self.archiveKind, reason: error.description) }
        guard model.classes == (try ClassListCoding.decode(try archive.value("classes", for: Self.archiveKind), for: Self.archiveKind)) else {
            throw .invalidModelFile(expected: Self.archiveKind, reason: "the classes in the metadata differ from the labels in y")
        }
        self = model
    }
}
