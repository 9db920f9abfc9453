import AprendizTensor

/// Keeps the k features with the highest univariate score against the target (§16.3; scikit-learn's
/// `SelectKBest`): the last k of a stable ascending sort of the scores, NaN scores counting as the
/// lowest, so ties prefer the later column as scikit-learn does.
/// Defaults: k = 10, F-test for classification.
public struct SelectKBest: Equatable, Sendable {
    public static let name = "SelectKBest"
    /// How many features to keep (default 10; all when there are fewer).
    public var k: Int
    /// The score (default ``UnivariateScore/fClassif``).
    public var score: UnivariateScore

    /// Validates and stores the hyper-parameters.
    public init(k: Int = 10, score: UnivariateScore = .fClassif) throws(ClassicError) {
        try checkHyperParameter(k >= 1, Self.name, "k", k, "at least 1")
        (self.k, self.score) = (k, score)
    }

    /// Scores the columns of `x` (`[count, features]`) against `y` (`[count]`) and keeps the k best.
    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> FeatureSelection {
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        if score == .chi2, x.scalars.contains(where: { $0 < 0 }) {
            throw .invalidData(estimator: Self.name, reason: "chi2 needs non-negative features (counts or frequencies)")
        }
        let scores = score.scores(x, y.scalars.map { Double($0) })
        let order = scores.indices.sorted { a, b in
            let (sa, sb) = (scores[a].isNaN ? -.infinity : scores[a], scores[b].isNaN ? -.infinity : scores[b])
            return sa != sb ? sa < sb : a < b
        }
        return FeatureSelection(featureCount: x.shape[1], selected: Array(order.suffix(min(k, order.count))), scores: scores)
    }
}
