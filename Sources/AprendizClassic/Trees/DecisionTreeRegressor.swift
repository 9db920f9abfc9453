import AprendizTensor

/// CART regression tree (§13.3; Breiman et al. 1984; scikit-learn's `DecisionTreeRegressor`): nodes are
/// split to most decrease the weighted squared (or absolute) error of the children,
/// ```
/// ΔI = I(t) − (N_tL / N_t) I(t_L) − (N_tR / N_t) I(t_R),   I = squared or absolute error (``RegressionCriterion``)
/// ```
/// and a leaf predicts the mean (or median) of its targets. Defaults: squared error, every feature,
/// unlimited depth.
public struct DecisionTreeRegressor: Estimator, Equatable {
    public static let name = "DecisionTreeRegressor"
    /// The impurity (default squared error).
    public var criterion: RegressionCriterion
    /// Growth and pruning parameters.
    public var parameters: TreeParameters

    /// A regressor; throws for a hyper-parameter out of range.
    public init(criterion: RegressionCriterion = .squaredError, parameters: TreeParameters = TreeParameters()) throws(ClassicError) {
        self.criterion = criterion
        self.parameters = parameters
        try validate()
    }

    public func validate() throws(ClassicError) { try parameters.validate(Self.name) }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> DecisionTreeRegressionModel {
        try fit(x, y, sampleWeights: nil)
    }

    /// Fits with per-row weights (`[count]`, ≥ 0; rows of weight 0 take no part).
    public func fit(_ x: Tensor, _ y: Tensor, sampleWeights: [Double]?) throws(ClassicError) -> DecisionTreeRegressionModel {
        try validate()
        let data = try TreeTrainingData(x, y, weights: sampleWeights, classIndices: nil, estimator: Self.name)
        let tree = data.growTree(classification: nil, regression: criterion, classCount: 0, parameters: parameters,
                                 growth: parameters.growth(featureCount: data.featureCount, seed: parameters.seed))
        return DecisionTreeRegressionModel(tree: tree, featureCount: data.featureCount,
                                           hyperParameters: parameters.described.merging(["criterion": criterion.name]) { $1 })
    }
}
