import AprendizLinearAlgebra
import AprendizTensor

/// Principal component analysis (§16.4.1) as a ``Transformer``, following scikit-learn 1.9's `PCA`.
///
/// The rows of X (n × p) are centred, X̄ = X − 1·μᵀ, and decomposed as X̄ = U·Σ·Vᵀ; the components are
/// the rows of Vᵀ, the directions of largest variance:
/// ```
/// explained varianceⱼ = σⱼ² / (n − 1)            (eigenvalues of the covariance X̄ᵀX̄ / (n − 1))
/// ratioⱼ              = varianceⱼ / Σᵢ varianceᵢ   (over all min(n, p) components)
/// noise variance      = mean of the discarded variances (probabilistic PCA, Tipping & Bishop 1999)
/// transform(x)        = (x − μ)·Vₖᵀ  (÷ √varianceⱼ per column when whitening)
/// inverse(z)          = z·Vₖ + μ     (z·diag(√variance)·Vₖ + μ when whitening)
/// ```
/// Each component's sign is fixed as scikit-learn's `svd_flip(u, vt, u_based_decision=False)`: the
/// entry of largest magnitude of each row of Vᵀ is positive. Computation is in `Double`.
/// Defaults: all components, `.auto` solver, no whitening, seed 0 (randomized solver only).
public struct PCA: Transformer, Equatable, Sendable {
    public static let name = "PCA"

    /// How many components to keep.
    public enum Components: Equatable, Sendable {
        /// min(n, p) components (scikit-learn's `n_components=None`).
        case all
        /// Exactly this many (1 … min(n, p)).
        case count(Int)
        /// The fewest components whose cumulated explained-variance ratio exceeds this fraction (0 < f < 1).
        case varianceFraction(Double)
    }

    /// How the decomposition is computed.
    public enum Solver: String, CaseIterable, Equatable, Sendable {
        /// scikit-learn 1.9's choice: `covarianceEigh` when p ≤ 1 000 and n ≥ 10·p; else `full` when
        /// max(n, p) ≤ 500 or the count is not an integer; else `randomized` when 1 ≤ k < 0.8·min(n, p);
        /// else `full`.
        case auto
        /// The thin SVD of the centred data (LAPACK `dgesdd`).
        case full
        /// The eigendecomposition of the p × p covariance matrix (cheap for many rows, few columns).
        case covarianceEigh
        /// Halko, Martinsson & Tropp (2011) randomized SVD (`RandomizedSVD`).
        case randomized
    }

    /// The number of components (default `.all`).
    public var components: Components
    /// The solver (default `.auto`).
    public var solver: Solver
    /// Whether `transform` scales each component to unit variance (default `false`).
    public var whiten: Bool
    /// Power iterations of the randomized solver; nil is scikit-learn's "auto" (7 when k < 0.1·min(n, p), else 4).
    public var powerIterations: Int?
    /// Extra random directions of the randomized solver (default 10, scikit-learn's `n_oversamples`).
    public var oversamples: Int
    /// Seed of the randomized solver's Gaussian test matrix (default 0).
    public var seed: UInt64

    /// Validates and stores the hyper-parameters.
    public init(components: Components = .all, solver: Solver = .auto, whiten: Bool = false, powerIterations: Int? = nil,
                oversamples: Int = 10, seed: UInt64 = 0) throws(ClassicError) {
        switch components {
        case .all: break
        case let .count(k): try checkHyperParameter(k >= 1, Self.name, "components", k, "at least 1")
        case let .varianceFraction(f): try checkHyperParameter(f > 0 && f < 1, Self.name, "components", f, "a fraction in (0, 1)")
        }
        if case .varianceFraction = components {
            try checkHyperParameter(solver != .randomized, Self.name, "solver", solver.rawValue,
                                    "full, covarianceEigh or auto when components is a variance fraction")
        }
        try checkHyperParameter((powerIterations ?? 0) >= 0, Self.name, "powerIterations", powerIterations ?? 0, "≥ 0")
        try checkHyperParameter(oversamples >= 0, Self.name, "oversamples", oversamples, "≥ 0")
        (self.components, self.solver, self.whiten) = (components, solver, whiten)
        (self.powerIterations, self.oversamples, self.seed) = (powerIterations, oversamples, seed)
    }

    /// The solver `.auto` picks for an n × p matrix (scikit-learn 1.9's rule).
    public func resolvedSolver(rows n: Int, columns p: Int) -> Solver {
        guard solver == .auto else { return solver }
        if p <= 1_000 && n >= 10 * p { return .covarianceEigh }
        if max(n, p) <= 500 { return .full }
        if case let .count(k) = components, Double(k) < 0.8 * Double(min(n, p)) { return .randomized }
        return .full
    }

    public func fit(_ x: Tensor) throws(ClassicError) -> FittedPCA {
        try InputValidation.features(x, for: Self.name)
        let (n, p) = (x.shape[0], x.shape[1])
        try checkHyperParameter(n >= 2, Self.name, "rows", n, "at least 2 rows to estimate a variance")
        if case let .count(k) = components {
            try checkHyperParameter(k <= min(n, p), Self.name, "components", k, "at most min(rows, columns) = \(min(n, p))")
        }
        let (centred, mean) = DenseMatrix.centered(x)
        switch resolvedSolver(rows: n, columns: p) {
        case .randomized:
            let k: Int
            switch components { case let .count(c): k = c; default: k = min(n, p) }
            return fitRandomized(centred, mean: mean, k: k)
        case .covarianceEigh:
            let gram = centred.gram()
            let (values, vectors) = DoubleDecomposition.symmetricEigen(gram, n: p)
            var vt = [Double](repeating: 0, count: p * p)
            for row in 0..<p { for j in 0..<p { vt[row * p + j] = vectors[j * p + (p - 1 - row)] } }
            let variances = (0..<p).map { max(values[p - 1 - $0], 0) / Double(n - 1) }
            return finish(vt: vt, variances: variances, rows: n, mean: mean)
        case .full, .auto:
            let (_, s, vt) = DoubleDecomposition.svd(centred.values, rows: n, columns: p)
            return finish(vt: vt, variances: s.map { $0 * $0 / Double(n - 1) }, rows: n, mean: mean)
        }
    }

    /// Keeps the requested components of a full spectrum (`vt` is `r × p`, r = variances.count).
    private func finish(vt: [Double], variances: [Double], rows n: Int, mean: [Double]) -> FittedPCA {
        let p = mean.count, r = variances.count
        let total = variances.reduce(0, +), ratios = variances.map { $0 / total }
        let k: Int
        switch components {
        case .all: k = r
        case let .count(c): k = c
        case let .varianceFraction(f):
            var cumulated = 0.0, index = 0
            while index < r { cumulated += ratios[index]; index += 1; if cumulated > f { break } }
            k = index
        }
        let noise = k < min(n, p) ? variances[k...].reduce(0, +) / Double(variances.count - k) : 0
        return FittedPCA(mean: mean, components: signFlipped(Array(vt[0..<(k * p)]), columns: p), explainedVariance: Array(variances[0..<k]),
                         explainedVarianceRatio: Array(ratios[0..<k]),
                         singularValues: variances[0..<k].map { ($0 * Double(n - 1)).squareRoot() },
                         noiseVariance: noise, whiten: whiten)
    }

    private func fitRandomized(_ centred: DenseMatrix, mean: [Double], k: Int) -> FittedPCA {
        let (n, p) = (centred.rows, centred.columns)
        var generator = RandomGenerator(seed: seed)
        let (_, s, vt) = RandomizedSVD(components: k, oversamples: oversamples, powerIterations: powerIterations)
            .decompose(centred, using: &generator)
        let variances = s.map { $0 * $0 / Double(n - 1) }
        let total = centred.values.reduce(0) { $0 + $1 * $1 } / Double(n - 1)
        let kept = variances.reduce(0, +)
        let noise = k < min(n, p) ? (total - kept) / Double(min(n, p) - k) : 0
        return FittedPCA(mean: mean, components: signFlipped(vt, columns: p), explainedVariance: variances,
                         explainedVarianceRatio: variances.map { $0 / total }, singularValues: s, noiseVariance: noise, whiten: whiten)
    }
}

/// scikit-learn's `svd_flip(u_based_decision=False)`: each row negated when its entry of largest
/// magnitude (the first, on ties) is negative.
func signFlipped(_ vt: [Double], columns p: Int) -> [Double] {
    var out = vt
    for row in 0..<(vt.count / max(p, 1)) {
        var best = 0
        for j in 1..<p where abs(vt[row * p + j]) > abs(vt[row * p + best]) { best = j }
        if vt[row * p + best] < 0 { for j in 0..<p { out[row * p + j] = -vt[row * p + j] } }
    }
    return out
}
