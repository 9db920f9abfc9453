import AprendizTensor

/// Training rows laid out for the split search: one contiguous column per feature, with the targets and
/// optional sample weights checked once and shared by every tree grown from them.
struct TreeTrainingData: Sendable {
    /// Feature-major values: row i of feature f at `f · rowCount + i`.
    let columns: [Float]
    let rowCount: Int, featureCount: Int
    /// Class indices (classification) or targets (regression).
    let classIndices: [Int32], targets: [Double]
    let weights: [Double]?
    /// Ranks of the values within their feature when every feature has ≤ 256 distinct values (faster node sorts).
    let ranks: FeatureRanks?

    /// Checks `x`, `y` and `weights` for `estimator` and transposes `x`.
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
        columns = x.withUnsafeBufferPointer { rows in
            [Float](unsafeUninitializedCapacity: n * p) { out, count in
                for i in 0..<n { for f in 0..<p { out[f * n + i] = rows[i * p + f] } }
                count = n * p
            }
        }
        ranks = FeatureRanks(columns: columns, rowCount: n, featureCount: p)
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
        let noRanks: [UInt8] = []
        let grown: GrownTree = (ranks?.ranks ?? noRanks).withUnsafeBufferPointer { rankBuffer in
            columns.withUnsafeBufferPointer { columns in
                let ranks = ranks == nil ? nil : rankBuffer
                let w = weights.map { UnsafeMutableBufferPointer<Double>.allocate(capacity: $0.count) }
                defer { w?.deallocate() }
                if let weights, let w { _ = w.initialize(from: weights) }
                let weightPointer = w.map { UnsafeBufferPointer($0) }
                if let classification {
                    return classIndices.withUnsafeBufferPointer { classes in
                        let criterion = ClassCountCriterion(classes: classes, classCount: classCount, weights: weightPointer,
                                                            entropy: classification != .gini)
                        return TreeGrower(columns: columns, ranks: ranks, rowCount: rowCount, weights: weights, criterion: criterion,
                                          growth: growth).grow()
                    }
                }
                return targets.withUnsafeBufferPointer { targets in
                    if regression == .absoluteError {
                        let criterion = AbsoluteErrorCriterion(targets: targets, weights: weightPointer)
                        return TreeGrower(columns: columns, ranks: ranks, rowCount: rowCount, weights: weights, criterion: criterion,
                                          growth: growth).grow()
                    }
                    let criterion = SquaredErrorCriterion(targets: targets, weights: weightPointer)
                    return TreeGrower(columns: columns, ranks: ranks, rowCount: rowCount, weights: weights, criterion: criterion,
                                      growth: growth).grow()
                }
            }
        }
        return grown.pruned(alpha: parameters.ccpAlpha)
    }
}
