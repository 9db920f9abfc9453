import AprendizTensor

/// A fitted feature selection: the kept columns (ascending) of the `featureCount` inputs, and the
/// score of every column when the selector computed one (scikit-learn's `get_support(indices=True)`,
/// `scores_`, `variances_`).
public struct FeatureSelection: FittedTransform, Equatable, Sendable {
    /// The number of input features.
    public let featureCount: Int
    /// The kept column indices, ascending.
    public let selected: [Int]
    /// The score (or variance) of each input feature; NaN where it is undefined (e.g. a constant column).
    public let scores: [Double]

    /// Checks and stores a selection.
    public init(featureCount: Int, selected: [Int], scores: [Double]) {
        require(selected.allSatisfy { $0 >= 0 && $0 < featureCount }, "FeatureSelection: selected \(selected) outside 0..<\(featureCount)")
        (self.featureCount, self.selected, self.scores) = (featureCount, selected.sorted(), scores)
    }

    /// The kept columns of `x` (`[count, featureCount]`): `[count, selected.count]`.
    public func transform(_ x: Tensor) -> Tensor {
        require(x.rank == 2 && x.shape[1] == featureCount, "FeatureSelection.transform: expects [count, \(featureCount)], got \(x.shape)")
        let (n, k) = (x.shape[0], selected.count)
        let values = x.withUnsafeBufferPointer { source in
            (0..<(n * k)).map { source[($0 / k) * featureCount + selected[$0 % k]] }
        }
        return Tensor(shape: [n, k], scalars: values)
    }
}
