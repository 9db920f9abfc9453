import AprendizTensor

/// What the k-NN classifier and regressor share: their hyper-parameters and how those go into a model file
/// (`param.neighbors`, `param.weights`, `param.metric`, `param.p`, `param.algorithm`, `param.leafSize`).
protocol KNeighborsSettings {
    var neighbors: Int { get }
    var weights: NeighborWeights { get }
    var search: NearestNeighbors { get }
    init(neighbors: Int, weights: NeighborWeights, metric: DistanceMetric, algorithm: NeighborAlgorithm, leafSize: Int) throws(ClassicError)
}

extension KNeighborsClassifier: KNeighborsSettings {}
extension KNeighborsRegressor: KNeighborsSettings {}

extension KNeighborsSettings where Self: Estimator {
    /// The checks both estimators make, reported under the estimator's name: k ≥ 1 and a valid neighbour search.
    func validateSettings() throws(ClassicError) {
        try checkHyperParameter(neighbors >= 1, Self.name, "neighbors", neighbors, "≥ 1")
        _ = try search.renamed(to: Self.name)
    }

    /// What both fits do before using the targets: validate, check `x` and `y`, check k against the rows, and index
    /// the training rows.
    func indexTrainingRows(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> NeighborIndex {
        try validateSettings()
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        try checkNeighborCount(neighbors, rows: x.shape[0], for: Self.name)
        return try search.fit(x)
    }
}

extension KNeighborsSettings {
    /// The hyper-parameters as model-file metadata.
    var archivedParameters: [String: String] {
        var parameters = ["neighbors": "\(neighbors)", "weights": weights.name, "algorithm": search.algorithm.name,
                          "leafSize": "\(search.leafSize)"]
        switch search.metric.normalized {
        case .minkowski(let p): (parameters["metric"], parameters["p"]) = ("minkowski", "\(p)")
        default: parameters["metric"] = search.metric.normalized.description
        }
        return parameters
    }

    /// The estimator whose ``archivedParameters`` are `parameters`; throws naming the model kind if one is bad.
    init(archivedParameters parameters: [String: String], kind: String) throws(ClassicError) {
        guard let neighbors = parameters["neighbors"].flatMap(Int.init),
              let weights = parameters["weights"].flatMap({ try? NeighborWeights.named($0) }),
              let algorithm = parameters["algorithm"].flatMap({ try? NeighborAlgorithm.named($0) }),
              let leafSize = parameters["leafSize"].flatMap(Int.init),
              let metric = parameters["metric"].flatMap({ DistanceMetric.named($0, p: parameters["p"].flatMap(Double.init) ?? 2) })
        else { throw .invalidModelFile(expected: kind, reason: "bad or missing hyper-parameters \(parameters)") }
        do {
            try self.init(neighbors: neighbors, weights: weights, metric: metric, algorithm: algorithm, leafSize: leafSize)
        } catch { throw .invalidModelFile(expected: kind, reason: error.description) }
    }
}
