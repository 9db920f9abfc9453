import AprendizTensor

/// CART classification tree (§13.2–13.3; Breiman, Friedman, Olshen & Stone 1984; scikit-learn's
/// `DecisionTreeClassifier`): each node is split on the feature and threshold that most decrease the
/// weighted impurity of its children,
/// ```
/// ΔI = I(t) − (N_tL / N_t) I(t_L) − (N_tR / N_t) I(t_R),   I = Gini or entropy (``ClassificationCriterion``)
/// ```
/// until a stopping rule of ``TreeParameters`` holds, then optionally pruned by cost complexity. With
/// `maxFeatures = .all` and the seed scikit-learn derives from its `random_state` (see ``TreeParameters``),
/// the tree is scikit-learn's, node for node. Defaults: Gini, every feature, unlimited depth.
public struct DecisionTreeClassifier: Estimator, Equatable {
    public static let name = "DecisionTreeClassifier"
    /// The impurity (default Gini).
    public var criterion: ClassificationCriterion
    /// Growth and pruning parameters.
    public var parameters: TreeParameters

    /// A classifier; throws for a hyper-parameter out of range.
    public init(criterion: ClassificationCriterion = .gini, parameters: TreeParameters = TreeParameters()) throws(ClassicError) {
        self.criterion = criterion
        self.parameters = parameters
        try validate()
    }

    public func validate() throws(ClassicError) { try parameters.validate(Self.name) }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> DecisionTreeClassificationModel {
        try fit(x, y, sampleWeights: nil)
    }

    /// Fits with per-row weights (`[count]`, ≥ 0; rows of weight 0 take no part).
    public func fit(_ x: Tensor, _ y: Tensor, sampleWeights: [Double]?) throws(ClassicError) -> DecisionTreeClassificationModel {
        try validate()
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        let labels = try ClassLabels(y, for: Self.name)
        let data = try TreeTrainingData(x, y, weights: sampleWeights, classIndices: labels.indices, estimator: Self.name)
        let tree = data.growTree(classification: criterion, regression: nil, classCount: labels.classes.count, parameters: parameters,
                                 growth: parameters.growth(featureCount: data.featureCount, seed: parameters.seed))
        return DecisionTreeClassificationModel(tree: tree, classes: labels.classes, featureCount: data.featureCount,
                                               hyperParameters: parameters.described.merging(["criterion": criterion.name]) { $1 })
    }
}
