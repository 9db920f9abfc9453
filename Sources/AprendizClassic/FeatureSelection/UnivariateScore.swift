import AprendizTensor

/// A score of each feature against the target, for ``SelectKBest`` (§16.3; scikit-learn's `f_classif`,
/// `f_regression`, `chi2`, `mutual_info_classif`, `mutual_info_regression`). Higher means more related; NaN where undefined (constant columns).
public enum UnivariateScore: String, CaseIterable, Equatable, Sendable {
    /// One-way ANOVA F of the feature across the classes of y:
    /// ```
    /// F = [Σₖ nₖ(x̄ₖ − x̄)² / (K − 1)] / [Σₖ Σ_{i∈k} (xᵢ − x̄ₖ)² / (n − K)]
    /// ```
    case fClassif = "f-classif"
    /// The F statistic of a univariate linear regression of y on the feature:
    /// ```
    /// rⱼ = corr(xⱼ, y),   F = rⱼ² / (1 − rⱼ²) · (n − 2)     (0 for a constant column)
    /// ```
    case fRegression = "f-regression"
    /// Pearson's χ² between non-negative features (as counts) and the classes:
    /// ```
    /// Oₖⱼ = Σ_{i∈k} xᵢⱼ,   Eₖⱼ = (nₖ/n)·Σᵢ xᵢⱼ,   χ²ⱼ = Σₖ (Oₖⱼ − Eₖⱼ)² / Eₖⱼ
    /// ```
    case chi2
    /// The k-NN estimate of the mutual information with class labels (``MutualInformation``, 3 neighbours,
    /// continuous columns, seed 0; scikit-learn's `mutual_info_classif`).
    case mutualInfoClassif = "mutual-info-classif"
    /// The k-NN estimate of the mutual information with a continuous target (``MutualInformation``;
    /// scikit-learn's `mutual_info_regression`).
    case mutualInfoRegression = "mutual-info-regression"

    /// The score of each column of `x` (`[n, p]`) against `y` (`n` labels or targets).
    public func scores(_ x: Tensor, _ y: [Double]) -> [Double] {
        require(x.rank == 2 && x.shape[0] == y.count, "UnivariateScore.scores: x has shape \(x.shape) but y has \(y.count) values")
        let columns = DenseMatrix(x).columnArrays()
        switch self {
        case .mutualInfoClassif, .mutualInfoRegression:
            let estimator = try! MutualInformation(target: self == .mutualInfoClassif ? .classes : .continuous)
            return (try? estimator.scores(x, y)) ?? columns.map { _ in .nan }
        case .fRegression: return columns.map { Self.regressionF($0, y) }
        case .fClassif, .chi2:
            let classes = Set(y).sorted()
            let members = classes.map { c in y.indices.filter { y[$0] == c } }
            return columns.map { self == .fClassif ? Self.anovaF($0, members) : Self.chiSquared($0, members) }
        }
    }

    private static func anovaF(_ x: [Double], _ members: [[Int]]) -> Double {
        let n = Double(x.count), k = Double(members.count), mean = x.reduce(0, +) / n
        var between = 0.0, within = 0.0
        for group in members {
            let m = group.reduce(0) { $0 + x[$1] } / Double(group.count)
            between += Double(group.count) * (m - mean) * (m - mean)
            within += group.reduce(0) { $0 + (x[$1] - m) * (x[$1] - m) }
        }
        return (between / (k - 1)) / (within / (n - k))
    }

    private static func regressionF(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count), mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx); syy += (b - my) * (b - my) }
        guard sxx > 0, syy > 0 else { return 0 }
        let r2 = sxy * sxy / (sxx * syy)
        return r2 >= 1 ? .greatestFiniteMagnitude : r2 / (1 - r2) * (n - 2)
    }

    private static func chiSquared(_ x: [Double], _ members: [[Int]]) -> Double {
        let n = Double(x.count), total = x.reduce(0, +)
        return members.reduce(0.0) { sum, group in
            let observed = group.reduce(0) { $0 + x[$1] }, expected = Double(group.count) / n * total
            return sum + (observed - expected) * (observed - expected) / expected
        }
    }
}
