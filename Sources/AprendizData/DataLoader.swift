import AprendizTensor

/// Splits a data set into batches, optionally reshuffled every epoch with a seeded generator
/// (PyTorch's `DataLoader`). Iterating it once is one epoch.
///
/// The batch size decides which gradient descent runs (§6.3.2–6.3.3):
/// ```
/// batchSize = 1          stochastic gradient descent: one example per update
/// batchSize = B          mini-batch gradient descent: the gradient averaged over B examples
/// batchSize = count      (full-)batch gradient descent: one update per epoch
/// ```
/// ```swift
/// let loader = DataLoader(dataset, batchSize: 32, shuffle: true, seed: 42)
/// for epoch in 0..<10 { for batch in loader { … } }   // a new order each epoch, the same every run
/// ```
public final class DataLoader<Source: Dataset>: Sequence {
    /// The data set batches are drawn from.
    public let dataset: Source
    /// Examples per batch (the last one may be smaller unless ``dropLast``).
    public let batchSize: Int
    /// Whether each epoch visits the examples in a new random order.
    public let shuffle: Bool
    /// Whether a final batch smaller than ``batchSize`` is skipped.
    public let dropLast: Bool
    /// Random image transformations applied to every batch (§24.6), or nil (default) for the examples as they are.
    /// Batch b of the e-th epoch (counting every ``nextEpochOrder()``) gets ``BatchAugmentation/callAsFunction(_:epoch:index:)``
    /// with (e, b), so a resumed loader that skipped its first epochs' orders augments as the uninterrupted one.
    public var augmentation: BatchAugmentation?
    private var generator: RandomGenerator
    private var epochsStarted = 0

    /// - Parameters:
    ///   - dataset: the examples to batch.
    ///   - batchSize: examples per batch, ≥ 1 (default 32).
    ///   - shuffle: reshuffle every epoch (default `false`).
    ///   - seed: the seed of the shuffling generator (default 0).
    ///   - dropLast: skip a smaller final batch (default `false`).
    public init(_ dataset: Source, batchSize: Int = 32, shuffle: Bool = false, seed: UInt64 = 0, dropLast: Bool = false) {
        require(batchSize >= 1, "DataLoader: invalid batch size \(batchSize)")
        self.dataset = dataset
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.dropLast = dropLast
        generator = RandomGenerator(seed: seed)
    }

    /// Batches per epoch.
    public var batchCount: Int {
        dropLast ? dataset.count / batchSize : (dataset.count + batchSize - 1) / batchSize
    }

    /// The example order of the next epoch (advances the shuffling generator when ``shuffle``).
    public func nextEpochOrder() -> [Int] {
        epochsStarted += 1
        return shuffle ? generator.permutation(of: dataset.count) : Array(0..<dataset.count)
    }

    /// One epoch of batches.
    public func makeIterator() -> AnyIterator<Batch> {
        let order = nextEpochOrder()
        let dataset = self.dataset, batchSize = self.batchSize, batches = batchCount
        let augmentation = self.augmentation, epoch = epochsStarted - 1
        var index = 0
        return AnyIterator {
            guard index < batches else { return nil }
            let start = index * batchSize
            index += 1
            let batch = dataset.batch(at: Array(order[start..<Swift.min(start + batchSize, order.count)]))
            return batch.augmented(by: augmentation, epoch: epoch, index: index - 1)
        }
    }
}

extension RandomGenerator {
    /// A uniformly random permutation of 0..<n (Fisher–Yates, unbiased draws).
    public mutating func permutation(of n: Int) -> [Int] {
        var result = Array(0..<n)
        guard n > 1 else { return result }
        for i in stride(from: n - 1, to: 0, by: -1) {
            result.swapAt(i, Int(next(upperBound: UInt64(i + 1))))
        }
        return result
    }
}
