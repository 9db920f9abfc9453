import AprendizTensor

/// Splits examples into a training and a test set (scikit-learn's `train_test_split`).
///
/// The test set gets ⌈testFraction·n⌉ examples, chosen at random with `seed`. With `stratified`,
/// the targets must be class indices (`[count]`) and each class is split in the same proportion
/// (per-class test counts rounded so they add up to the total, largest remainders first), so a
/// rare class cannot vanish from either side.
public func trainTestSplit(_ dataset: TensorDataset, testFraction: Float = 0.25, stratified: Bool = false,
                           seed: UInt64 = 0) -> (train: TensorDataset, test: TensorDataset) {
    require(testFraction > 0 && testFraction < 1, "trainTestSplit: test fraction \(testFraction) is not in (0, 1)")
    let n = dataset.count
    // The Float's shortest decimal (0.2, not 0.2000000029…), so ⌈0.2·150⌉ = 30 as in scikit-learn.
    let fraction = Double("\(testFraction)") ?? Double(testFraction)
    let testCount = Int((fraction * Double(n)).rounded(.up))
    require(testCount < n, "trainTestSplit: \(n) examples leave none for training at fraction \(testFraction)")
    var generator = RandomGenerator(seed: seed)
    let order = generator.permutation(of: n)
    let test: [Int]
    if stratified {
        require(dataset.targets.rank == 1, "trainTestSplit: stratifying needs class indices of shape [count], got \(dataset.targets.shape)")
        test = stratifiedTestIndices(order: order, labels: dataset.targets.scalars, testCount: testCount)
    } else {
        test = Array(order.prefix(testCount))
    }
    let testSet = Set(test)
    let train = order.filter { !testSet.contains($0) }
    return (dataset.batch(at: train).dataset, dataset.batch(at: test).dataset)
}

/// The first kᶜ shuffled examples of each class c, with Σ kᶜ = testCount.
private func stratifiedTestIndices(order: [Int], labels: [Float], testCount: Int) -> [Int] {
    var byClass: [Float: [Int]] = [:]
    for index in order { byClass[labels[index], default: []].append(index) }
    let classes = byClass.keys.sorted()
    let fraction = Double(testCount) / Double(labels.count)
    let exact = classes.map { Double(byClass[$0]!.count) * fraction }
    var counts = exact.map { Int($0.rounded(.down)) }
    let remainders = exact.indices.sorted { exact[$0] - Double(counts[$0]) > exact[$1] - Double(counts[$1]) }
    for i in remainders.prefix(testCount - counts.reduce(0, +)) { counts[i] += 1 }
    return zip(classes, counts).flatMap { byClass[$0]!.prefix($1) }
}

/// Standardisation to zero mean and unit variance per feature (scikit-learn's `StandardScaler`):
///
/// ```
/// x′ = (x − μ) / σ,   μ, σ² = mean and population variance of each column of the fitting data
/// ```
/// A constant column (σ = 0) is only centred. Fit on the training set, then transform the
/// training and test sets with the same μ, σ (fitting on the test set leaks information).
public struct Standardizer: Sendable {
    /// μ per feature, shape `[features]`.
    public let mean: Tensor
    /// σ per feature (1 where the column was constant), shape `[features]`.
    public let standardDeviation: Tensor

    /// Learns μ and σ from the rows of `x` (`[count, features]`).
    public init(fitting x: Tensor) {
        require(x.rank == 2 && x.shape[0] > 0, "Standardizer: expects a non-empty [count, features] matrix, got \(x.shape)")
        mean = x.mean(axis: 0)
        let deviation = x.variance(axes: [0]).sqrt()
        standardDeviation = Tensor.where(deviation.equal(Tensor(0)), Tensor(1), deviation)
    }

    /// Statistics learnt earlier (stored with a model): μ and σ of shape `[features]`, σ > 0.
    public init(mean: Tensor, standardDeviation: Tensor) {
        require(mean.rank == 1 && mean.shape == standardDeviation.shape,
                     "Standardizer: mean \(mean.shape) and standard deviation \(standardDeviation.shape) must be equal [features] vectors")
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// (x − μ) / σ.
    public func transform(_ x: Tensor) -> Tensor { (x - mean) / standardDeviation }
    /// x′·σ + μ.
    public func inverseTransform(_ x: Tensor) -> Tensor { x * standardDeviation + mean }
}

/// Rescaling of each feature to a range (scikit-learn's `MinMaxScaler`):
///
/// ```
/// x′ = a + (x − min) · (b − a) / (max − min)     for the target range [a, b] (default [0, 1])
/// ```
/// A constant column (max = min) maps to a.
public struct MinMaxScaler: Sendable {
    /// The minimum of each feature in the fitting data.
    public let minimum: Tensor
    /// The maximum of each feature in the fitting data.
    public let maximum: Tensor
    /// [a, b].
    public let range: ClosedRange<Float>

    /// A scaler from stored statistics (a saved model's).
    public init(minimum: Tensor, maximum: Tensor, range: ClosedRange<Float> = 0...1) {
        require(minimum.rank == 1 && minimum.shape == maximum.shape,
                "MinMaxScaler: minimum \(minimum.shape) and maximum \(maximum.shape) must be matching vectors")
        self.minimum = minimum
        self.maximum = maximum
        self.range = range
    }

    /// Learns each column's minimum and maximum from `x` (`[count, features]`).
    public init(fitting x: Tensor, range: ClosedRange<Float> = 0...1) {
        require(x.rank == 2 && x.shape[0] > 0, "MinMaxScaler: expects a non-empty [count, features] matrix, got \(x.shape)")
        minimum = x.min(axis: 0)
        maximum = x.max(axis: 0)
        self.range = range
    }

    private var scale: Tensor {
        let width = maximum - minimum
        return (range.upperBound - range.lowerBound) / Tensor.where(width.equal(Tensor(0)), Tensor(1), width)
    }

    /// a + (x − min)·(b − a)/(max − min).
    public func transform(_ x: Tensor) -> Tensor { (x - minimum) * scale + range.lowerBound }
    /// min + (x′ − a)·(max − min)/(b − a).
    public func inverseTransform(_ x: Tensor) -> Tensor { (x - range.lowerBound) / scale + minimum }
}

/// One-hot encoding: class index k of `[count]` labels becomes row eₖ of `[count, classCount]`.
/// - Precondition: every label is a whole number in 0..<classCount.
public func oneHot(_ labels: Tensor, classCount: Int) -> Tensor {
    require(labels.rank == 1, "oneHot: labels must have shape [count], got \(labels.shape)")
    let indices = labels.scalars
    var result = Tensor.zeros([indices.count, classCount])
    result.withUnsafeMutableBufferPointer { out in
        for (row, label) in indices.enumerated() {
            let k = Int(label)
            require(Float(k) == label && k >= 0 && k < classCount, "oneHot: label \(label) is not a class in 0..<\(classCount)")
            out[row * classCount + k] = 1
        }
    }
    return result
}
