import AprendizDistributed
import AprendizTensor

/// k-means clustering (chapter 17; scikit-learn 1.9's `KMeans`, `algorithm="lloyd"` or `"elkan"`).
///
/// Minimises the inertia, the sum of squared distances of the rows to their nearest centre:
/// ```
/// J(c₁ … cₖ) = Σᵢ minⱼ ‖xᵢ − cⱼ‖²
/// assignment:  ℓᵢ = argminⱼ (‖cⱼ‖² − 2·xᵢ·cⱼ)          (one matrix product X·Cᵀ per iteration)
/// update:      cⱼ = mean of {xᵢ : ℓᵢ = j}
/// ```
/// Lloyd's iterations stop when no label changes or when Σⱼ ‖cⱼ⁽ᵗ⁺¹⁾ − cⱼ⁽ᵗ⁾‖² ≤ tol·mean column variance
/// (scikit-learn's tolerance), after at most `maxIterations`; centres start from greedy k-means++
/// (`KMeansPlusPlus`). An empty cluster takes the row farthest from its centre. The best of
/// `initCount` runs (lowest inertia) is kept. With `algorithm: .elkan` the iterations skip most distances
/// by the triangle inequality (``Algorithm/elkan``, `ElkanIterations`): same labels and centres up to rounding. Rows are centred before clustering (as scikit-learn
/// does), distances are computed in `Float` through GEMM, sums and inertia in `Double`.
/// Defaults: 8 clusters, 1 initialisation (scikit-learn's `n_init="auto"` with k-means++), 300
/// iterations, tol 1e-4, seed 0, Lloyd's algorithm.
public struct KMeans: Clusterer, Equatable, Sendable {
    /// The estimator's name in error messages (`Estimator` requirement).
    public static let name = "KMeans"

    /// How the iterations assign rows to centres (scikit-learn's `algorithm`).
    public enum Algorithm: String, CaseIterable, Equatable, Sendable {
        /// Every row–centre distance each iteration, as one matrix product X·Cᵀ per block (Lloyd 1982).
        case lloyd
        /// Upper and lower distance bounds and the centre half-distances skip most distances (Elkan 2003);
        /// O(n·k) more memory for the bounds. Runs in one process (``fit(_:across:)`` uses Lloyd's).
        case elkan
    }

    /// The number of clusters k (default 8).
    public var clusterCount: Int
    /// How many initialisations to run, keeping the lowest inertia (default 1).
    public var initCount: Int
    /// The most Lloyd iterations per run (default 300).
    public var maxIterations: Int
    /// The relative tolerance on the centre shift (default 1e-4).
    public var tolerance: Double
    /// The seed of k-means++ (default 0).
    public var seed: UInt64
    /// Lloyd's or Elkan's iterations (default `.lloyd`).
    public var algorithm: Algorithm = .lloyd

    /// Validates and stores the hyper-parameters.
    public init(clusterCount: Int = 8, initCount: Int = 1, maxIterations: Int = 300, tolerance: Double = 1e-4,
                seed: UInt64 = 0, algorithm: Algorithm = .lloyd) throws(ClassicError) {
        try checkHyperParameter(clusterCount >= 1, Self.name, "clusterCount", clusterCount, "at least 1")
        try checkHyperParameter(initCount >= 1, Self.name, "initCount", initCount, "at least 1")
        try checkHyperParameter(maxIterations >= 1, Self.name, "maxIterations", maxIterations, "at least 1")
        try checkHyperParameter(tolerance >= 0, Self.name, "tolerance", tolerance, "≥ 0")
        (self.clusterCount, self.initCount, self.maxIterations, self.tolerance, self.seed) =
            (clusterCount, initCount, maxIterations, tolerance, seed)
        self.algorithm = algorithm
    }

    /// Clusters the rows of `x` (`[count, features]`, at least `clusterCount` rows).
    public func fit(_ x: Tensor) throws(ClassicError) -> FittedKMeans {
        try inOneProcess(Self.name) { try fit(x, world: $0) }
    }

    /// `fit(x)` with the Lloyd iterations' blocks of rows shared over `world`'s ranks (see
    /// ``fit(_:across:)``); throws ``ClassicError`` or an MPI error.
    func fit(_ x: Tensor, world: Distributed) throws -> FittedKMeans {
        try InputValidation.features(x, for: Self.name)
        let n = x.shape[0]
        try checkHyperParameter(clusterCount <= n, Self.name, "clusterCount", clusterCount, "at most the number of rows (\(n))")
        let means = DenseMatrix.columnMeans(of: x)
        let rows = CentredRows(x, means: means)
        let threshold = tolerance * rows.meanColumnVariance
        var generator = RandomGenerator(seed: seed)
        var best: LloydResult?
        for _ in 0..<initCount {
            let start = KMeansPlusPlus.centres(rows, count: clusterCount, using: &generator)
            let result = try iterate(rows, from: start, threshold: threshold, world: world)
            if best == nil || result.inertia < best!.inertia { best = result }
        }
        return fitted(best!, means: means)
    }

    /// One run of ``algorithm`` from `start` (Lloyd's when the blocks are shared over several ranks).
    private func iterate(_ rows: CentredRows, from start: [Float], threshold: Double, world: Distributed = .single) throws -> LloydResult {
        if algorithm == .elkan && !world.usesMPI {
            return try ElkanIterations(rows: rows, maxIterations: maxIterations, threshold: threshold).run(from: start)
        }
        return try LloydIterations(rows: rows, maxIterations: maxIterations, threshold: threshold, world: world).run(from: start)
    }

    /// One run of ``algorithm`` from the given centres (`[clusterCount, features]`; scikit-learn's `init=array`,
    /// `n_init=1`), ignoring `initCount` and `seed`.
    public func fit(_ x: Tensor, startingFrom centres: Tensor) throws(ClassicError) -> FittedKMeans {
        try InputValidation.features(x, for: Self.name)
        guard centres.shape == [clusterCount, x.shape[1]] else {
            throw .invalidData(estimator: Self.name, reason: "starting centres have shape \(centres.shape), expected [\(clusterCount), \(x.shape[1])]")
        }
        let means = DenseMatrix.columnMeans(of: x), p = x.shape[1]
        let rows = CentredRows(x, means: means)
        let start = centres.scalars.enumerated().map { Float(Double($1) - means[$0 % p]) }
        let threshold = tolerance * rows.meanColumnVariance
        return try inOneProcess(Self.name) { _ in fitted(try iterate(rows, from: start, threshold: threshold), means: means) }
    }

    private func fitted(_ result: LloydResult, means: [Double]) -> FittedKMeans {
        let p = means.count
        var centres = [Float](repeating: 0, count: clusterCount * p)
        for j in 0..<clusterCount { for c in 0..<p { centres[j * p + c] = Float(Double(result.centres[j * p + c]) + means[c]) } }
        return FittedKMeans(centres: Tensor(shape: [clusterCount, p], scalars: centres), labels: result.labels,
                            inertia: result.inertia, iterations: result.iterations)
    }

    /// The cluster of every row of `x`, fitting on `x` (`Clusterer` requirement).
    public func clusterLabels(_ x: Tensor) throws(ClassicError) -> [Int] { try fit(x).labels }
}

/// The rows of x minus the column means, in `Float` (row-major), with their squared norms.
struct CentredRows: Sendable {
    let count: Int
    let columns: Int
    let values: [Float]
    let squaredNorms: [Double]
    /// The mean over columns of the column variances (scikit-learn's tolerance scale).
    let meanColumnVariance: Double

    init(_ x: Tensor, means: [Double]) {
        let (n, p) = (x.shape[0], x.shape[1])
        var values = [Float](repeating: 0, count: n * p), norms = [Double](repeating: 0, count: n)
        var variance = 0.0
        x.withUnsafeBufferPointer { source in
            for i in 0..<n {
                var norm = 0.0
                for j in 0..<p {
                    let v = Double(source[i * p + j]) - means[j]
                    values[i * p + j] = Float(v); norm += v * v
                }
                norms[i] = norm; variance += norm
            }
        }
        (self.count, self.columns, self.values, self.squaredNorms) = (n, p, values, norms)
        meanColumnVariance = variance / Double(n * p)
    }

    /// ‖xᵢ − c‖² in `Double`.
    func squaredDistance(_ i: Int, _ c: ArraySlice<Float>) -> Double {
        var sum = 0.0
        for (j, cj) in zip(0..<columns, c) { let d = Double(values[i * columns + j]) - Double(cj); sum += d * d }
        return sum
    }
}
