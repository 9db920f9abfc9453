import AprendizTensor

/// Recursive feature elimination (§16.3; Guyon et al. 2002; scikit-learn's `RFE`): fit the estimator,
/// drop the `step` features of smallest importance, and repeat on the rest until `keep` remain.
///
/// ```
/// S ← all features
/// while |S| > keep:  fit on S;  drop the min(step, |S| − keep) features of S with the lowest wⱼ
/// rankingⱼ = 1 for kept features, 2 for the last dropped, 3 for the ones before, …
/// ```
/// wⱼ comes from `importance`: |coefficient| for a linear model, Σₖ |coefficientₖⱼ| over the classes
/// of a multiclass one (scikit-learn's "auto" importance getter), the importances of a
/// ``FeatureImportanceModel``. Ties drop the earlier feature first. Default step 1.
public struct RFE<Base: Estimator>: Sendable {
    public static var name: String { "RFE" }
    /// The estimator refitted at each round.
    public let estimator: Base
    /// How many features to keep.
    public let keep: Int
    /// How many features to drop per round (default 1).
    public let step: Int
    /// One non-negative weight per feature of a fitted model.
    public let importance: @Sendable (Base.Model) -> [Double]

    /// Validates and stores the hyper-parameters (keep ≥ 1, step ≥ 1).
    public init(_ estimator: Base, keep: Int, step: Int = 1, importance: @escaping @Sendable (Base.Model) -> [Double]) throws(ClassicError) {
        try checkHyperParameter(keep >= 1, Self.name, "keep", keep, "at least 1")
        try checkHyperParameter(step >= 1, Self.name, "step", step, "at least 1")
        (self.estimator, self.keep, self.step, self.importance) = (estimator, keep, step, importance)
    }

    /// The kept features (with the final model fitted on them) and the ranking of every feature.
    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> RFESelection<Base.Model> {
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        let p = x.shape[1]
        try checkHyperParameter(keep <= p, Self.name, "keep", keep, "at most the number of features (\(p))")
        var remaining = Array(0..<p), ranking = [Int](repeating: 1, count: p)
        while remaining.count > keep {
            let model = try estimator.fit(FeatureSelection(featureCount: p, selected: remaining, scores: []).transform(x), y)
            let weights = importance(model)
            let order = remaining.indices.sorted { weights[$0] != weights[$1] ? weights[$0] < weights[$1] : $0 < $1 }
            let dropped = Set(order.prefix(min(step, remaining.count - keep)).map { remaining[$0] })
            remaining.removeAll { dropped.contains($0) }
            for j in 0..<p where !remaining.contains(j) { ranking[j] += 1 }
        }
        let selection = FeatureSelection(featureCount: p, selected: remaining, scores: ranking.map { Double($0) })
        return RFESelection(selection: selection, ranking: ranking, model: try estimator.fit(selection.transform(x), y))
    }
}

extension RFE where Base.Model == LinearModel {
    /// RFE ranking features by |coefficient|.
    public init(_ estimator: Base, keep: Int, step: Int = 1) throws(ClassicError) {
        try self.init(estimator, keep: keep, step: step) { $0.coefficients.scalars.map { abs(Double($0)) } }
    }
}

extension RFE where Base.Model == LogisticModel {
    /// RFE ranking features by Σₖ |coefficientₖⱼ| over the classes.
    public init(_ estimator: Base, keep: Int, step: Int = 1) throws(ClassicError) {
        try self.init(estimator, keep: keep, step: step) { model in
            let (rows, p) = (model.coefficients.shape[0], model.coefficients.shape[1]), c = model.coefficients.scalars
            return (0..<p).map { j in (0..<rows).reduce(0.0) { $0 + abs(Double(c[$1 * p + j])) } }
        }
    }
}

extension RFE where Base.Model: FeatureImportanceModel {
    /// RFE ranking features by the model's importances.
    public init(_ estimator: Base, keep: Int, step: Int = 1) throws(ClassicError) {
        try self.init(estimator, keep: keep, step: step) { $0.featureImportances.scalars.map { Double($0) } }
    }
}

/// The result of ``RFE/fit(_:_:)``.
public struct RFESelection<Model: FittedModel>: Sendable {
    /// The kept features (``FeatureSelection/scores`` holds the ranking).
    public let selection: FeatureSelection
    /// 1 for kept features, larger for features dropped earlier (scikit-learn's `ranking_`).
    public let ranking: [Int]
    /// The estimator fitted on the kept features.
    public let model: Model
}
