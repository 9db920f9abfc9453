import AprendizLinearAlgebra
import AprendizTensor

/// PCA fitted batch by batch, for data that does not fit in memory (§16.4.1; Ross, Lim, Lin & Yang
/// 2008, "Incremental learning for robust visual tracking"; scikit-learn 1.9's `IncrementalPCA`).
///
/// After the batches seen so far (n rows, mean μ, components Vₖ, singular values σ), a new batch B
/// (m rows, mean μ_B) gives the SVD of the stacked matrix
/// ```
/// ⎡ diag(σ)·Vₖ                     ⎤
/// ⎢ B − 1·μ_Bᵀ                      ⎥  = U·Σ·Vᵀ,   μ ← (n·μ + m·μ_B) / (n + m)
/// ⎣ √(n·m/(n + m)) · (μ − μ_B)ᵀ     ⎦
/// ```
/// of which the first k rows of Vᵀ are kept (signs as `svd_flip(u_based_decision=False)`); explained
/// variance σⱼ²/(N − 1) and its ratio to the total variance, updated exactly (Chan, Golub & LeVeque).
/// `fit` cuts the rows into batches of `batchSize` (default 5·features), the last batch absorbing a
/// remainder smaller than k, as scikit-learn's `gen_batches(min_batch_size=k)`.
public struct IncrementalPCA: Transformer, Equatable, Sendable {
    public static let name = "IncrementalPCA"
    /// The number of components k.
    public var components: Int
    /// Rows per batch in `fit` (nil: 5 × features).
    public var batchSize: Int?
    /// Whether `transform` scales the components to unit variance (default false).
    public var whiten: Bool

    /// Validates and stores the hyper-parameters (k ≥ 1, batchSize ≥ k).
    public init(components: Int, batchSize: Int? = nil, whiten: Bool = false) throws(ClassicError) {
        try checkHyperParameter(components >= 1, Self.name, "components", components, "at least 1")
        if let batchSize { try checkHyperParameter(batchSize >= components, Self.name, "batchSize", batchSize, "at least components (\(components))") }
        (self.components, self.batchSize, self.whiten) = (components, batchSize, whiten)
    }

    /// Fits on the rows of `x` batch by batch (at least `components` rows and columns).
    public func fit(_ x: Tensor) throws(ClassicError) -> FittedPCA {
        try InputValidation.features(x, for: Self.name)
        let (n, p) = (x.shape[0], x.shape[1])
        try checkHyperParameter(components <= min(n, p), Self.name, "components", components, "at most min(rows, columns) = \(min(n, p))")
        let size = batchSize ?? 5 * p
        var state = IncrementalPCAState(components: components, whiten: whiten)
        var start = 0
        for _ in 0..<(n / size) where start + size + components <= n {
            try state.update(x[start..<(start + size)]); start += size
        }
        if start < n { try state.update(x[start..<n]) }
        return state.fitted!
    }
}

/// The running state of an ``IncrementalPCA`` (scikit-learn's `partial_fit`): feed batches with
/// ``update(_:)``, read ``fitted`` at any time.
public struct IncrementalPCAState: Sendable {
    /// The number of components k.
    public let components: Int
    /// Whether the fitted transform whitens.
    public let whiten: Bool
    /// Rows seen so far.
    public private(set) var count = 0
    private var mean: [Double] = [], variance: [Double] = []
    private var singularValues: [Double] = [], axes: [Double] = []
    /// The PCA of every row seen so far (nil before the first batch).
    public private(set) var fitted: FittedPCA?

    /// An empty state keeping `components` axes.
    public init(components: Int, whiten: Bool = false) {
        require(components >= 1, "IncrementalPCAState: components must be at least 1, got \(components)")
        (self.components, self.whiten) = (components, whiten)
    }

    /// Adds the rows of `batch` (`[m, p]`, m ≥ components on the first batch).
    public mutating func update(_ batch: Tensor) throws(ClassicError) {
        try InputValidation.features(batch, for: IncrementalPCA.name)
        let (m, p) = (batch.shape[0], batch.shape[1])
        if count > 0, p != mean.count {
            throw .invalidData(estimator: IncrementalPCA.name, reason: "batch has \(p) features, earlier batches had \(mean.count)")
        }
        let k = components
        guard k <= p, count > 0 || k <= m else {
            throw .invalidData(estimator: IncrementalPCA.name, reason: "\(k) components need batches of at least \(k) rows and \(k) features, got \(batch.shape)")
        }
        let (centred, batchMean) = DenseMatrix.centered(batch)
        var batchSquares = [Double](repeating: 0, count: p)
        for i in 0..<m { for j in 0..<p { batchSquares[j] += centred.values[i * p + j] * centred.values[i * p + j] } }
        let (n, total) = (Double(count), Double(count + m))
        var stacked: [Double], rows: Int
        if count == 0 {
            (mean, variance) = (batchMean, batchSquares.map { $0 / Double(m) })
            (stacked, rows) = (centred.values, m)
        } else {
            let correction = (n * Double(m) / total).squareRoot()
            stacked = []
            for j in 0..<singularValues.count { for c in 0..<p { stacked.append(singularValues[j] * axes[j * p + c]) } }
            stacked += centred.values
            stacked += (0..<p).map { correction * (mean[$0] - batchMean[$0]) }
            rows = singularValues.count + m + 1
            // Chan, Golub & LeVeque's pairwise update of the sum of squares, then of the mean.
            variance = (0..<p).map { j in
                let delta = batchMean[j] - mean[j]
                return (variance[j] * n + batchSquares[j] + delta * delta * n * Double(m) / total) / total
            }
            mean = (0..<p).map { (mean[$0] * n + batchMean[$0] * Double(m)) / total }
        }
        let (_, s, vt) = DoubleDecomposition.svd(stacked, rows: rows, columns: p)
        let flipped = signFlipped(vt, columns: p)
        count += m
        let kept = min(k, s.count)
        (singularValues, axes) = (Array(s[0..<kept]), Array(flipped[0..<(kept * p)]))
        let variances = s.map { $0 * $0 / Double(count - 1) }, totalVariance = variance.reduce(0, +) * Double(count)
        let noise = k != m && k != p && s.count > kept ? variances[kept...].reduce(0, +) / Double(s.count - kept) : 0
        fitted = FittedPCA(mean: mean, components: axes, explainedVariance: Array(variances[0..<kept]),
                           explainedVarianceRatio: s[0..<kept].map { $0 * $0 / totalVariance }, singularValues: singularValues,
                           noiseVariance: noise, whiten: whiten)
    }
}
