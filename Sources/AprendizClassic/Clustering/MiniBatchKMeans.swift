import AprendizTensor

/// k-means on random mini-batches (chapter 17; Sculley 2010, "Web-scale k-means clustering"; the
/// update of scikit-learn 1.9's `MiniBatchKMeans`).
///
/// ```
/// each step: draw b rows uniformly (with replacement); assign each to its nearest centre;
///            for each centre j with bⱼ rows of sum sⱼ:  nⱼ ← nⱼ + bⱼ,  cⱼ ← cⱼ + (sⱼ − bⱼ·cⱼ) / nⱼ
/// ```
/// Centres start from k-means++ on a random subset of min(n, 3·b) rows (the best of `initCount`
/// seedings by inertia on that subset). Steps stop after `maxEpochs`·n/b draws, or when the
/// exponentially weighted mean of the batch inertia (weight 2b/(n + 1)) has not improved for 10 steps
/// (scikit-learn's `max_no_improvement`). Unlike scikit-learn, centres with few points are not
/// reassigned. Labels and inertia are those of the final centres on all rows.
/// Defaults: 8 clusters, batches of 1 024, 100 epochs, 3 initialisations, seed 0.
public struct MiniBatchKMeans: Clusterer, Equatable, Sendable {
    public static let name = "MiniBatchKMeans"
    /// The number of clusters k (default 8).
    public var clusterCount: Int
    /// Rows per mini-batch b (default 1 024).
    public var batchSize: Int
    /// The most passes' worth of batches, maxEpochs·n/b steps (default 100).
    public var maxEpochs: Int
    /// k-means++ seedings tried on the initial subset (default 3).
    public var initCount: Int
    /// The seed of the seeding and of the batch draws (default 0).
    public var seed: UInt64

    /// Validates and stores the hyper-parameters.
    public init(clusterCount: Int = 8, batchSize: Int = 1024, maxEpochs: Int = 100, initCount: Int = 3,
                seed: UInt64 = 0) throws(ClassicError) {
        try checkHyperParameter(clusterCount >= 1, Self.name, "clusterCount", clusterCount, "at least 1")
        try checkHyperParameter(batchSize >= 1, Self.name, "batchSize", batchSize, "at least 1")
        try checkHyperParameter(maxEpochs >= 1, Self.name, "maxEpochs", maxEpochs, "at least 1")
        try checkHyperParameter(initCount >= 1, Self.name, "initCount", initCount, "at least 1")
        (self.clusterCount, self.batchSize, self.maxEpochs, self.initCount, self.seed) = (clusterCount, batchSize, maxEpochs, initCount, seed)
    }

    /// Clusters the rows of `x` (`[count, features]`, at least `clusterCount` rows).
    public func fit(_ x: Tensor) throws(ClassicError) -> FittedKMeans {
        try InputValidation.features(x, for: Self.name)
        let (n, p) = (x.shape[0], x.shape[1]), k = clusterCount
        try checkHyperParameter(k <= n, Self.name, "clusterCount", k, "at most the number of rows (\(n))")
        var generator = RandomGenerator(seed: seed)
        let means = DenseMatrix.columnMeans(of: x)
        let rows = CentredRows(x, means: means)
        func subset(_ count: Int) -> Tensor {
            let picked = (0..<count).map { _ in Int(generator.nextUniformDouble() * Double(n)) % n }
            let values = picked.flatMap { rows.values[($0 * p)..<(($0 + 1) * p)] }
            return Tensor(shape: [count, p], scalars: values)
        }
        // Seeding: the best k-means++ start on a subset, judged by its inertia there.
        let initial = CentredRows(subset(max(min(n, 3 * batchSize), k)), means: [Double](repeating: 0, count: p))
        var centres: [Float] = [], bestInertia = Double.infinity
        for _ in 0..<initCount {
            let start = KMeansPlusPlus.centres(initial, count: k, using: &generator)
            let inertia = LloydIterations(rows: initial, maxIterations: 1, threshold: 0).assign(start, clusters: k).distances.reduce(0, +)
            if inertia < bestInertia { (centres, bestInertia) = (start, inertia) }
        }
        var counts = [Double](repeating: 0, count: k)
        let steps = max(1, maxEpochs * n / batchSize), weight = min(1, 2 * Double(batchSize) / Double(n + 1))
        var average = Double.nan, bestAverage = Double.infinity, stale = 0, done = 0
        for _ in 0..<steps {
            done += 1
            let batch = CentredRows(subset(batchSize), means: [Double](repeating: 0, count: p))
            let step = LloydIterations(rows: batch, maxIterations: 1, threshold: 0).assign(centres, clusters: k)
            for j in 0..<k where step.counts[j] > 0 {
                counts[j] += Double(step.counts[j])
                for f in 0..<p {
                    let c = Double(centres[j * p + f])
                    centres[j * p + f] = Float(c + (step.sums[j * p + f] - Double(step.counts[j]) * c) / counts[j])
                }
            }
            let inertia = step.distances.reduce(0, +) / Double(batchSize)
            average = average.isNaN ? inertia : average * (1 - weight) + inertia * weight
            if average < bestAverage { (bestAverage, stale) = (average, 0) } else { stale += 1; if stale >= 10 { break } }
        }
        let final = LloydIterations(rows: rows, maxIterations: 1, threshold: 0).assign(centres, clusters: k)
        var inertia = 0.0
        for i in 0..<n { inertia += rows.squaredDistance(i, centres[(final.labels[i] * p)..<((final.labels[i] + 1) * p)]) }
        let shifted = centres.enumerated().map { Float(Double($1) + means[$0 % p]) }
        return FittedKMeans(centres: Tensor(shape: [k, p], scalars: shifted), labels: final.labels, inertia: inertia, iterations: done)
    }

    public func clusterLabels(_ x: Tensor) throws(ClassicError) -> [Int] { try fit(x).labels }
}
