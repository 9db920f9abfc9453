import AprendizTensor

/// K folds that keep each class's proportion (scikit-learn's `StratifiedKFold`, same assignment): the
/// labels, sorted, are dealt round-robin to the folds to get each fold's count per class, and the
/// examples of each class fill the folds in order (shuffled first with `shuffle`, by `RandomGenerator`).
/// ```
/// allocation[k][c] = #{i ≡ k (mod K) : sorted(y)ᵢ = c}
/// ```
public struct StratifiedKFold: CrossValidator, Equatable {
    /// K, shuffling and seed, as for ``KFold``.
    public let options: KFold
    public var folds: Int { options.folds }

    /// Validates K (≥ 2).
    public init(folds: Int = 5, shuffle: Bool = false, seed: UInt64 = 0) throws(ClassicError) {
        do { options = try KFold(folds: folds, shuffle: shuffle, seed: seed) } catch { throw error.renamed(from: "KFold", to: "StratifiedKFold") }
    }

    public func splits(_ y: Tensor) -> [(train: [Int], test: [Int])] {
        let labels = y.scalars, n = labels.count
        let classes = Array(Set(labels)).sorted()
        let code = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        let encoded = labels.map { code[$0]! }, sorted = encoded.sorted()
        var generator = RandomGenerator(seed: options.seed)
        var testFold = [Int](repeating: 0, count: n)
        for c in classes.indices {
            var foldsForClass = (0..<folds).flatMap { k in
                Array(repeating: k, count: stride(from: k, to: n, by: folds).filter { sorted[$0] == c }.count)
            }
            if options.shuffle { foldsForClass = generator.permutation(of: foldsForClass.count).map { foldsForClass[$0] } }
            for (position, i) in encoded.indices.filter({ encoded[$0] == c }).enumerated() { testFold[i] = foldsForClass[position] }
        }
        return (0..<folds).map { k in
            let test = (0..<n).filter { testFold[$0] == k }
            return (heldIn(excluding: test, n: n), test)
        }
    }
}
