import AprendizTensor

/// Greedy sequential feature selection with cross-validation (§16.3; scikit-learn 1.9's
/// `SequentialFeatureSelector`).
///
/// ```
/// forward:   S ← ∅;  repeat keep times:       S ← S ∪ {argmax_{j∉S} CV score on S ∪ {j}}
/// backward:  R ← ∅;  repeat p − keep times:   R ← R ∪ {argmax_{j∉R} CV score without R ∪ {j}};  S = all − R
/// ```
/// The CV score is the mean over the splitter's folds of the model's own score (R² or accuracy),
/// through ``crossValidate(_:_:_:splitter:scoring:)``; ties go to the lowest feature index, as scikit-
/// learn's `max` over its dictionary of candidates. Cost: O(p·keep) or O(p·(p − keep)) cross-validations.
public struct SequentialFeatureSelector<Base: Estimator>: Sendable {
    public static var name: String { "SequentialFeatureSelector" }

    /// Which way features are added or removed.
    public enum Direction: String, CaseIterable, Sendable {
        /// Start from none and add the best feature each round.
        case forward
        /// Start from all and remove the feature whose removal scores best each round.
        case backward
    }

    /// The estimator cross-validated on every candidate subset.
    public let estimator: Base
    /// How many features to select.
    public let keep: Int
    /// Forward or backward.
    public let direction: Direction
    /// The folds (scikit-learn's default: `KFold(5)` for regression, `StratifiedKFold(5)` for classes).
    public let splitter: any CrossValidator

    /// Validates and stores the hyper-parameters (keep ≥ 1).
    public init(_ estimator: Base, keep: Int, direction: Direction = .forward, splitter: any CrossValidator) throws(ClassicError) {
        try checkHyperParameter(keep >= 1, Self.name, "keep", keep, "at least 1")
        (self.estimator, self.keep, self.direction, self.splitter) = (estimator, keep, direction, splitter)
    }

    /// The selected features of `x` for target `y`; ``FeatureSelection/scores`` holds, for each feature, the
    /// CV score of the round that chose it (NaN for features never chosen).
    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> FeatureSelection {
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        let p = x.shape[1]
        try checkHyperParameter(keep < p, Self.name, "keep", keep, "less than the number of features (\(p))")
        var chosen = Set<Int>(), scores = [Double](repeating: .nan, count: p)
        for _ in 0..<(direction == .forward ? keep : p - keep) {
            var best = -1, bestScore = -Double.infinity
            for j in 0..<p where !chosen.contains(j) {
                let candidate = chosen.union([j])
                let columns = (0..<p).filter { direction == .forward ? candidate.contains($0) : !candidate.contains($0) }
                let subset = FeatureSelection(featureCount: p, selected: columns, scores: []).transform(x)
                let score = Double(try crossValidate(estimator, subset, y, splitter: splitter).mean)
                if score > bestScore { (best, bestScore) = (j, score) }
            }
            chosen.insert(best); scores[best] = bestScore
        }
        let selected = (0..<p).filter { direction == .forward ? chosen.contains($0) : !chosen.contains($0) }
        return FeatureSelection(featureCount: p, selected: selected, scores: scores)
    }
}
