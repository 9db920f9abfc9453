import AprendizTensor

/// Training rows laid out for the split search: one contiguous column per feature — as byte ranks and a
/// table of each feature's values (``FeatureRanks``) when every feature has ≤ 256 distinct values, else as
/// floats — with the targets and optional sample weights checked once and shared by every tree grown from them.
struct TreeTrainingData: Sendable {
    /// Feature-major values: row i of feature f at `f · rowCount + i`; empty when `ranks` stands in for them.
    let columns: [Float]
    let rowCount: Int, featureCount: Int
    /// Class indices (classification) or targets (regression).
    let classIndices: [Int32], targets: [Double]
    let weights: [Double]?
    /// Ranks of the values within their feature when every feature has ≤ 256 distinct values (faster node
    /// sorts, and 1 byte per value instead of the float columns).
    let ranks: FeatureRanks?

    /// Checks `x`, `y` and `weights` for `estimator` and ranks `x`, or transposes it when some feature has more
    /// than 256 distinct values.
    init(_ x: Tensor, _ y: Tensor, weights: [Double]?, classIndices: [Int]?, estimator: String) throws(ClassicError) {
        try InputValidation.featuresAndTargets(x, y, for: estimator)
        rowCount = x.shape[0]
        featureCount = x.shape[1]
        if let weights {
            guard weights.count == rowCount else {
                throw .invalidData(estimator: estimator, reason: "sampleWeights has \(weights.count) values for \(rowCount) rows")
            }
            guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }), weights.contains(where: { $0 > 0 }) else {
                throw .invalidData(estimator: estimator, reason: "sampleWeights must be finite, ≥ 0 and not all 0")
            }
        }
        self.weights = weights
        let n = rowCount, p = featureCount
        let ranks = x.withUnsafeBufferPointer { FeatureRanks(rows: $0, rowCount: n, featureCount: p) }
        self.ranks = ranks
        columns = ranks != nil ? [] : x.withUnsafeBufferPointer { rows in
            [Float](unsafeUninitializedCapacity: n * p) { out, count in
                for i in 0..<n { for f in 0..<p { out[f * n + i] = rows[i * p + f] } }
                count = n * p
            }
        }
        self.classIndices = classIndices?.map { Int32($0) } ?? []
        targets = classIndices == nil ? y.scalars.map { Double($0) } : []
    }

    /// Grows one tree of `classCount` classes (0 for regression) with `criterion` on the rows weighted by
    /// `weights` (defaults to the data's own), then prunes it by `parameters.ccpAlpha`.
    func growTree(classification: ClassificationCriterion?, regression: RegressionCriterion?, classCount: Int,
                  parameters: TreeParameters, growth: TreeGrowth, weights: [Double]? = nil) -> DecisionTree {
        DecisionTree(grownTree(classification: classification, regression: regression, classCount: classCount, parameters: parameters,
                               growth: growth, weights: weights))
    }

    /// ``growTree(classification:regression:classCount:parameters:growth:weights:)`` in double precision (its thresholds
    /// and values before they are stored as `Float`).
    func grownTree(classification: ClassificationCriterion?, regression: RegressionCriterion?, classCount: Int,
                   parameters: TreeParameters, growth: TreeGrowth, weights: [Double]? = nil) -> GrownTree {
        let weights = weights ?? self.weights
        let grown: GrownTree = withFeatureColumns { columns in
            let w = weights.map { UnsafeMutableBufferPointer<Double>.allocate(capacity: $0.count) }
            defer { w?.deallocate() }
            if let weights, let w { _ = w.initialize(from: weights) }
            let weightPointer = w.map { UnsafeBufferPointer($0) }
            if let classification {
                return classIndices.withUnsafeBufferPointer { classes in
                    let criterion = ClassCountCriterion(classes: classes, classCount: classCount, weights: weightPointer,
                                                        entropy: classification != .gini)
                    return TreeGrower(columns: columns, rowCount: rowCount, weights: weights, criterion: criterion,
                                      growth: growth).grow()
                }
            }
            return targets.withUnsafeBufferPointer { targets in
                if regression == .absoluteError {
                    let criterion = AbsoluteErrorCriterion(targets: targets, weights: weightPointer)
                    return TreeGrower(columns: columns, rowCount: rowCount, weights: weights, criterion: criterion,
                                      growth: growth).grow()
                }
                let criterion = SquaredErrorCriterion(targets: targets, weights: weightPointer)
                return TreeGrower(columns: columns, rowCount: rowCount, weights: weights, criterion: criterion,
                                  growth: growth).grow()
            }
        }
        return grown.pruned(alpha: parameters.ccpAlpha)
    }

    /// Calls `body` with the feature columns, over the ranks and value table when there are ranks.
    private func withFeatureColumns<R>(_ body: (FeatureColumns) -> R) -> R {
        if let ranks {
            return ranks.ranks.withUnsafeBufferPointer { r in
                ranks.values.withUnsafeBufferPointer { v in
                    body(FeatureColumns(ranks: r, table: v, rowCount: rowCount, featureCount: featureCount))
                }
            }
        }
        return columns.withUnsafeBufferPointer { body(FeatureColumns(floats: $0, rowCount: rowCount, featureCount: featureCount)) }
    }
}
