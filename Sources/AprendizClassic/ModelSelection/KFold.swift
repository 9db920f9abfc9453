import AprendizTensor

/// K consecutive folds (scikit-learn's `KFold`): fold k is held out once, the other k − 1 train; the first
/// n mod K folds get ⌊n/K⌋ + 1 examples, the rest ⌊n/K⌋. With `shuffle`, the order is first permuted by
/// `RandomGenerator` with `seed` (not NumPy's generator, so shuffled folds differ from scikit-learn's).
/// Default 5 folds, no shuffling.
public struct KFold: CrossValidator, Equatable {
    /// K ≥ 2.
    public let folds: Int
    /// Whether to permute the examples first.
    public let shuffle: Bool
    /// The permutation's seed.
    public let seed: UInt64

    /// Validates K (≥ 2).
    public init(folds: Int = 5, shuffle: Bool = false, seed: UInt64 = 0) throws(ClassicError) {
        try checkHyperParameter(folds >= 2, "KFold", "folds", folds, "≥ 2")
        self.folds = folds
        self.shuffle = shuffle
        self.seed = seed
    }

    public func splits(_ y: Tensor) -> [(train: [Int], test: [Int])] {
        let n = y.shape.first ?? 0
        require(n >= folds, "KFold: \(folds) folds need at least \(folds) examples, got \(n)")
        var generator = RandomGenerator(seed: seed)
        let order = shuffle ? generator.permutation(of: n) : Array(0..<n)
        var start = 0
        return (0..<folds).map { k in
            let size = n / folds + (k < n % folds ? 1 : 0)
            let test = Array(order[start..<(start + size)])
            start += size
            return (heldIn(excluding: test, n: n), test)
        }
    }
}
