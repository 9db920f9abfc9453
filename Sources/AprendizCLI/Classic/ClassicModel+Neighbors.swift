import Aprendiz

extension ClassicModel {
    /// `knn`: the k-NN classifier or regressor of `task` (Docs/Neighbors.md); `metric=minkowski` (the
    /// default) takes its exponent from `p`, as scikit-learn's `metric="minkowski", p=2`.
    static func fitNeighbors(_ x: Tensor, _ y: Tensor, task: LearningTask, parameters p: ClassicParameters) throws -> ClassicFit {
        let name = try p.choice("metric", in: DistanceMetric.names, default: "minkowski")
        guard let metric = DistanceMetric.named(name, p: try p.double("p", default: 2)) else {
            throw CLIError("--param metric=\(name): expected one of \(DistanceMetric.names.joined(separator: ", "))")
        }
        let k = try p.int("k", default: 5), leafSize = try p.int("leaf-size", default: 30)
        let weights = try NeighborWeights.named(try p.choice("weights", in: NeighborWeights.names, default: "uniform"))
        let algorithm = try NeighborAlgorithm.named(try p.choice("algorithm", in: NeighborAlgorithm.names, default: "auto"))
        if task == .classification {
            let estimator = try KNeighborsClassifier(neighbors: k, weights: weights, metric: metric, algorithm: algorithm, leafSize: leafSize)
            return .model(ClassifierOutputs(model: try estimator.fit(x, y)))
        }
        let estimator = try KNeighborsRegressor(neighbors: k, weights: weights, metric: metric, algorithm: algorithm, leafSize: leafSize)
        return .model(RegressorOutputs(model: try estimator.fit(x, y)))
    }

    /// `naive-bayes`: Gaussian (default), multinomial or Bernoulli naive Bayes (Docs/Neighbors.md).
    static func fitNaiveBayes(_ x: Tensor, _ y: Tensor, parameters p: ClassicParameters) throws -> ClassicFit {
        let fitPrior = try p.bool("fit-prior", default: true), alpha = try p.double("alpha", default: 1)
        switch try p.choice("variant", in: ["gaussian", "multinomial", "bernoulli"], default: "gaussian") {
        case "multinomial":
            return .model(ClassifierOutputs(model: try MultinomialNB(alpha: alpha, fitPrior: fitPrior).fit(x, y)))
        case "bernoulli":
            let estimator = try BernoulliNB(alpha: alpha, binarize: try p.double("binarize", default: 0), fitPrior: fitPrior)
            return .model(ClassifierOutputs(model: try estimator.fit(x, y)))
        default:
            return .model(ClassifierOutputs(model: try GaussianNB(varianceSmoothing: try p.double("var-smoothing", default: 1e-9)).fit(x, y)))
        }
    }
}
