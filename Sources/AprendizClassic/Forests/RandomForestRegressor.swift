import AprendizDistributed
import AprendizMetrics
import AprendizTensor

/// Random forest of regression trees (§13.4; Breiman 2001; scikit-learn's `RandomForestRegressor`): the
/// mean of T trees, each grown on a bootstrap sample of the rows,
/// ```
/// ŷ(x) = (1/T) Σ_t ŷ_t(x)
/// ```
/// The out-of-bag score is the R² of each row's prediction by the trees that did not draw it. Defaults:
/// 100 trees, squared error, `maxFeatures = .all` (scikit-learn ≥ 1.1's 1.0), bootstrap.
public struct RandomForestRegressor: Estimator, Equatable {
    public static let name = "RandomForestRegressor"
    /// Number of trees (default 100).
    public var treeCount: Int
    /// The trees' impurity (default squared error).
    public var criterion: RegressionCriterion
    /// The trees' growth parameters (default: every feature).
    public var parameters: TreeParameters
    /// Draw a bootstrap sample per tree (default true).
    public var bootstrap: Bool
    /// Compute ``ForestRegressionModel/outOfBagScore`` (needs `bootstrap`).
    public var outOfBagScore: Bool
    /// The forest's seed.
    public var seed: UInt64

    /// A forest; throws for a hyper-parameter out of range.
    public init(treeCount: Int = 100, criterion: RegressionCriterion = .squaredError, parameters: TreeParameters = TreeParameters(),
                bootstrap: Bool = true, outOfBagScore: Bool = false, seed: UInt64 = 0) throws(ClassicError) {
        self.treeCount = treeCount
        self.criterion = criterion
        self.parameters = parameters
        self.bootstrap = bootstrap
        self.outOfBagScore = outOfBagScore
        self.seed = seed
        try validate()
    }

    public func validate() throws(ClassicError) { try validateForest(Self.name, treeCount, parameters, bootstrap, outOfBagScore) }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> ForestRegressionModel { try fit(x, y, sampleWeights: nil) }

    /// Fits with per-row weights (multiplied into each tree's bootstrap counts).
    public func fit(_ x: Tensor, _ y: Tensor, sampleWeights: [Double]?) throws(ClassicError) -> ForestRegressionModel {
        try validate()
        let growing = ForestGrowing(treeCount: treeCount, bootstrap: bootstrap, randomThresholds: false, parameters: parameters, seed: seed)
        return try inOneProcess(Self.name) { try fitForestRegressor(Self.name, growing, criterion, x, y, sampleWeights, outOfBagScore, world: $0) }
    }
}

/// Extremely randomised trees for regression (§13.4; Geurts, Ernst & Wehenkel 2006; scikit-learn's
/// `ExtraTreesRegressor`): one uniformly drawn threshold per examined feature, every row in every tree.
/// ```
/// threshold_f ~ U(min_node x_f, max_node x_f)
/// ```
/// Defaults: 100 trees, squared error, every feature, no bootstrap.
public struct ExtraTreesRegressor: Estimator, Equatable {
    public static let name = "ExtraTreesRegressor"
    /// Number of trees (default 100).
    public var treeCount: Int
    /// The trees' impurity (default squared error).
    public var criterion: RegressionCriterion
    /// The trees' growth parameters (default: every feature).
    public var parameters: TreeParameters
    /// Draw a bootstrap sample per tree (default false).
    public var bootstrap: Bool
    /// Compute the out-of-bag score (needs `bootstrap`).
    public var outOfBagScore: Bool
    /// The forest's seed.
    public var seed: UInt64

    /// A forest; throws for a hyper-parameter out of range.
    public init(treeCount: Int = 100, criterion: RegressionCriterion = .squaredError, parameters: TreeParameters = TreeParameters(),
                bootstrap: Bool = false, outOfBagScore: Bool = false, seed: UInt64 = 0) throws(ClassicError) {
        self.treeCount = treeCount
        self.criterion = criterion
        self.parameters = parameters
        self.bootstrap = bootstrap
        self.outOfBagScore = outOfBagScore
        self.seed = seed
        try validate()
    }

    public func validate() throws(ClassicError) { try validateForest(Self.name, treeCount, parameters, bootstrap, outOfBagScore) }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> ForestRegressionModel {
        try validate()
        let growing = ForestGrowing(treeCount: treeCount, bootstrap: bootstrap, randomThresholds: true, parameters: parameters, seed: seed)
        return try inOneProcess(Self.name) { try fitForestRegressor(Self.name, growing, criterion, x, y, nil, outOfBagScore, world: $0) }
    }
}

/// Grows a regression forest and, if asked, its out-of-bag R².
func fitForestRegressor(_ name: String, _ growing: ForestGrowing, _ criterion: RegressionCriterion, _ x: Tensor, _ y: Tensor,
                        _ weights: [Double]?, _ outOfBag: Bool, world: Distributed) throws -> ForestRegressionModel {
    let data = try TreeTrainingData(x, y, weights: weights, classIndices: nil, estimator: name)
    let trees = try growing.grow(data, classification: nil, regression: criterion, classCount: 0, across: world)
    var score: Float?
    if outOfBag {
        var sums = [Float](repeating: 0, count: data.rowCount), votes = [Float](repeating: 0, count: data.rowCount)
        for (tree, rows) in zip(trees, growing.outOfBagRows(rowCount: data.rowCount)) where !rows.isEmpty {
            var part = [Float](repeating: 0, count: rows.count)
            tree.accumulateLeafValues(x.selecting(rows), into: &part)
            for (j, i) in rows.enumerated() { sums[i] += part[j]; votes[i] += 1 }
        }
        let scored = (0..<data.rowCount).filter { votes[$0] > 0 }
        if !scored.isEmpty {
            score = r2Score(predictions: Tensor(scored.map { sums[$0] / votes[$0] }), targets: y.selecting(scored))
        }
    }
    return ForestRegressionModel(trees: trees, featureCount: data.featureCount, outOfBagScore: score, estimator: name,
                                 hyperParameters: growing.described.merging(["criterion": criterion.name]) { $1 })
}
