import AprendizTensor

extension InputValidation {
    /// As ``featuresAndTargets(_:_:for:)`` but NaN in `x` is allowed (a missing value); ±∞ in `x` and any
    /// non-finite `y` are still refused, naming the row and column.
    static func featuresWithMissing(_ x: Tensor, _ y: Tensor, for estimator: String) throws(ClassicError) {
        guard x.rank == 2, x.shape[0] > 0, x.shape[1] > 0 else {
            throw .invalidData(estimator: estimator, reason: "x must be a non-empty [count, features] matrix, got shape \(x.shape)")
        }
        guard y.rank == 1, y.shape[0] == x.shape[0] else {
            throw .invalidData(estimator: estimator, reason: "x has shape \(x.shape) but y has shape \(y.shape) (expected [\(x.shape[0])])")
        }
        if let bad = x.scalars.firstIndex(where: { $0.isInfinite }) {
            throw .invalidData(estimator: estimator,
                               reason: "x has a non-finite value (\(x.scalars[bad])) at row \(bad / x.shape[1]), column \(bad % x.shape[1]) (NaN is allowed as missing, ±∞ is not)")
        }
        let nanFree = Tensor(shape: [x.shape[0], 1], scalars: [Float](repeating: 0, count: x.shape[0]))
        try featuresAndTargets(nanFree, y, for: estimator)
    }
}
