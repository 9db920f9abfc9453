import AprendizTensor

/// One hyper-parameter of a ``GridSearch``: a key path of the estimator and the values to try.
public struct GridAxis<E: Estimator>: @unchecked Sendable {
    /// The name shown in results (default: the key path's description).
    public let name: String
    /// The values, as text.
    public let labels: [String]
    let setters: [(inout E) -> Void]

    /// Tries each of `values` at `keyPath`, e.g. `GridAxis(\Ridge.alpha, [0.1, 1, 10])`.
    public init<V>(_ keyPath: WritableKeyPath<E, V>, _ values: [V], name: String? = nil) {
        self.name = name ?? "\(keyPath)"
        labels = values.map { "\($0)" }
        setters = values.map { value in { $0[keyPath: keyPath] = value } }
    }
}

/// The result of a ``GridSearch``: every combination's cross-validated score and the best one refitted
/// on all the data (scikit-learn's `GridSearchCV` with `refit=True`).
public struct GridSearchResult<E: Estimator>: Sendable {
    /// One row per combination: the hyper-parameter values (name → text) and the cross-validation scores.
    public let candidates: [(parameters: [String: String], result: CrossValidationResult)]
    /// The index in ``candidates`` of the highest mean score (the first on ties, as scikit-learn).
    public let bestIndex: Int
    /// The estimator with the best hyper-parameters.
    public let bestEstimator: E
    /// `bestEstimator` fitted on all the data.
    public let bestModel: E.Model
}

/// Exhaustive search over a grid of hyper-parameters by cross-validation (scikit-learn's `GridSearchCV`):
/// ```
/// best = argmax over the Cartesian product of the axes of mean_k scoreₖ
/// ```
/// Each combination is validated (``Estimator/validate()``) before it is fitted; the folds of a
/// combination run on the thread pool.
public struct GridSearch<E: Estimator>: Sendable {
    /// The estimator whose hyper-parameters are varied.
    public let estimator: E
    /// The axes of the grid.
    public let grid: [GridAxis<E>]
    /// How the data is split.
    public let splitter: any CrossValidator

    /// A search of `grid` around `estimator` with `splitter` (default: 5 folds).
    public init(_ estimator: E, grid: [GridAxis<E>], splitter: any CrossValidator = try! KFold()) {
        self.estimator = estimator
        self.grid = grid
        self.splitter = splitter
    }

    /// Cross-validates every combination and refits the best on all of `x`, `y`.
    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> GridSearchResult<E> {
        var candidates: [(parameters: [String: String], result: CrossValidationResult)] = []
        for (candidate, parameters) in combinations {
            try candidate.validate()
            candidates.append((parameters, try crossValidate(candidate, x, y, splitter: splitter)))
        }
        return try result(candidates, x, y)
    }

    /// Every point of the grid: the estimator with its values set, and the values as text (name → value).
    var combinations: [(E, [String: String])] {
        var combinations: [(E, [String: String])] = [(estimator, [:])]
        for axis in grid {
            combinations = combinations.flatMap { candidate, parameters in
                zip(axis.setters, axis.labels).map { set, label in
                    var next = candidate
                    set(&next)
                    return (next, parameters.merging([axis.name: label]) { $1 })
                }
            }
        }
        return combinations
    }

    /// The search's result from every combination's scores (in ``combinations`` order): the best, refitted.
    func result(_ candidates: [(parameters: [String: String], result: CrossValidationResult)], _ x: Tensor,
                _ y: Tensor) throws(ClassicError) -> GridSearchResult<E> {
        let best = candidates.indices.max { candidates[$0].result.mean < candidates[$1].result.mean || ($0 > $1 && candidates[$0].result.mean == candidates[$1].result.mean) }!
        let bestEstimator = combinations[best].0
        return GridSearchResult(candidates: candidates, bestIndex: best, bestEstimator: bestEstimator,
                                bestModel: try bestEstimator.fit(x, y))
    }
}
