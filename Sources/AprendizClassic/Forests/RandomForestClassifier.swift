import AprendizDistributed
import AprendizTensor

/// Random forest of classification trees (§13.4; Breiman 2001; scikit-learn's `RandomForestClassifier`):
/// T CART trees, each grown on a bootstrap sample of the rows and examining a random subset of
/// `maxFeatures` features at each node; the forest's probabilities are the mean of the trees'.
/// ```
/// P(k | x) = (1/T) Σ_t P_t(k | x),   tree t grown on n rows drawn with replacement
/// ```
/// The out-of-bag score is the accuracy of each row's prediction by the trees that did not draw it.
/// Trees grow in parallel; tree t's randomness comes from `seed` alone, so any thread count gives the same
/// forest. Defaults: 100 trees, Gini, `maxFeatures = .sqrt`, bootstrap, no out-of-bag score.
public struct RandomForestClassifier: Estimator, Equatable {
    public static let name = "RandomForestClassifier"
    /// Number of trees (default 100).
    public var treeCount: Int
    /// The trees' impurity (default Gini).
    public var criterion: ClassificationCriterion
    /// The trees' growth parameters (default: `maxFeatures = .sqrt`); their `seed` is unused (see `seed`).
    public var parameters: TreeParameters
    /// Draw a bootstrap sample per tree (default true).
    public var bootstrap: Bool
    /// Compute ``ForestClassificationModel/outOfBagScore`` (needs `bootstrap`).
    public var outOfBagScore: Bool
    /// The forest's seed.
    public var seed: UInt64

    /// A forest; throws for a hyper-parameter out of range.
    public init(treeCount: Int = 100, criterion: ClassificationCriterion = .gini, parameters: TreeParameters = TreeParameters(maxFeatures: .sqrt),
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

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> ForestClassificationModel { try fit(x, y, sampleWeights: nil) }

    /// Fits with per-row weights (multiplied into each tree's bootstrap counts).
    public func fit(_ x: Tensor, _ y: Tensor, sampleWeights: [Double]?) throws(ClassicError) -> ForestClassificationModel {
        try validate()
        let growing = ForestGrowing(treeCount: treeCount, bootstrap: bootstrap, randomThresholds: false, parameters: parameters, seed: seed)
        return try inOneProcess(Self.name) { try fitForestClassifier(Self.name, growing, criterion, x, y, sampleWeights, outOfBagScore, world: $0) }
    }
}

/// Extremely randomised trees for classification (§13.4; Geurts, Ernst & Wehenkel 2006; scikit-learn's
/// `ExtraTreesClassifier`): like ``RandomForestClassifier`` but each examined feature gets one threshold
/// drawn uniformly between its minimum and maximum in the node, and by default every tree sees all rows.
/// ```
/// threshold_f ~ U(min_node x_f, max_node x_f),   best of the maxFeatures drawn features
/// ```
/// Defaults: 100 trees, Gini, `maxFeatures = .sqrt`, no bootstrap.
public struct ExtraTreesClassifier: Estimator, Equatable {
    public static let name = "ExtraTreesClassifier"
    /// Number of trees (default 100).
    public var treeCount: Int
    /// The trees' impurity (default Gini).
    public var criterion: ClassificationCriterion
    /// The trees' growth parameters (default: `maxFeatures = .sqrt`).
    public var parameters: TreeParameters
    /// Draw a bootstrap sample per tree (default false).
    public var bootstrap: Bool
    /// Compute the out-of-bag score (needs `bootstrap`).
    public var outOfBagScore: Bool
    /// The forest's seed.
    public var seed: UInt64

    /// A forest; throws for a hyper-parameter out of range.
    public init(treeCount: Int = 100, criterion: ClassificationCriterion = .gini, parameters: TreeParameters = TreeParameters(maxFeatures: .sqrt),
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

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> ForestClassificationModel {
        try validate()
        let growing = ForestGrowing(treeCount: treeCount, bootstrap: bootstrap, randomThresholds: true, parameters: parameters, seed: seed)
        return try inOneProcess(Self.name) { try fitForestClassifier(Self.name, growing, criterion, x, y, nil, outOfBagScore, world: $0) }
    }
}

/// The checks every forest makes on its hyper-parameters.
func validateForest(_ name: String, _ treeCount: Int, _ parameters: TreeParameters, _ bootstrap: Bool,
                    _ outOfBagScore: Bool) throws(ClassicError) {
    try checkHyperParameter(treeCount >= 1, name, "treeCount", treeCount, "≥ 1")
    try parameters.validate(name)
    try checkHyperParameter(!outOfBagScore || bootstrap, name, "outOfBagScore", outOfBagScore, "false when bootstrap is false")
}

/// Grows a classification forest and, if asked, its out-of-bag accuracy.
func fitForestClassifier(_ name: String, _ growing: ForestGrowing, _ criterion: ClassificationCriterion, _ x: Tensor, _ y: Tensor,
                         _ weights: [Double]?, _ outOfBag: Bool, world: Distributed) throws -> ForestClassificationModel {
    try InputValidation.featuresAndTargets(x, y, for: name)
    let labels = try ClassLabels(y, for: name)
    let data = try TreeTrainingData(x, y, weights: weights, classIndices: labels.indices, estimator: name)
    let k = labels.classes.count
    let trees = try growing.grow(data, classification: criterion, regression: nil, classCount: k, across: world)
    var score: Float?
    if outOfBag {
        var sums = [Float](repeating: 0, count: data.rowCount * k), votes = [Int](repeating: 0, count: data.rowCount)
        for (tree, rows) in zip(trees, growing.outOfBagRows(rowCount: data.rowCount)) where !rows.isEmpty {
            var part = [Float](repeating: 0, count: rows.count * k)
            tree.accumulateLeafValues(x.selecting(rows), into: &part)
            for (j, i) in rows.enumerated() {
                votes[i] += 1
                for c in 0..<k { sums[i * k + c] += part[j * k + c] }
            }
        }
        let scored = (0..<data.rowCount).filter { votes[$0] > 0 }
        let correct = scored.filter { i in
            (0..<k).max { sums[i * k + $0] < sums[i * k + $1] } == labels.indices[i]
        }
        score = scored.isEmpty ? nil : Float(correct.count) / Float(scored.count)
    }
    return ForestClassificationModel(trees: trees, classes: labels.classes, featureCount: data.featureCount, outOfBagScore: score,
                                     estimator: name, hyperParameters: growing.described.merging(["criterion": criterion.name]) { $1 })
}
