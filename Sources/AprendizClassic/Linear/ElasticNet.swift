import AprendizTensor

/// Elastic net (§12.6; scikit-learn's `ElasticNet`): linear regression with a mix of L1 and L2 penalties,
/// fitted by cyclic coordinate descent with scikit-learn's objective and stopping rule:
/// ```
/// minimise (1/2n)‖y − Xw − b‖² + α·ρ·‖w‖₁ + ½·α·(1 − ρ)·‖w‖²        ρ = l1Ratio
/// ```
/// ρ = 1 is the lasso (§12.5), ρ = 0 ridge (§12.4, better solved by ``Ridge``). The intercept is not
/// penalised (fitted by centring). Defaults as scikit-learn: α = 1, ρ = 0.5, tolerance 10⁻⁴ on the
/// duality gap relative to ‖y − ȳ‖², at most 1 000 sweeps.
public struct ElasticNet: Estimator, Equatable, Codable {
    public static let name = "ElasticNet"
    /// α ≥ 0, the penalty's strength.
    public var alpha: Double
    /// ρ ∈ [0, 1], the L1 share of the penalty.
    public var l1Ratio: Double
    /// Whether to fit b (default true).
    public var fitIntercept: Bool
    /// Duality-gap tolerance, relative to ‖y − ȳ‖² (> 0).
    public var tolerance: Double
    /// Maximum coordinate sweeps (≥ 1).
    public var maximumIterations: Int

    /// Validates and stores the hyper-parameters.
    public init(alpha: Double = 1, l1Ratio: Double = 0.5, fitIntercept: Bool = true, tolerance: Double = 1e-4,
                maximumIterations: Int = 1000) throws(ClassicError) {
        self.alpha = alpha
        self.l1Ratio = l1Ratio
        self.fitIntercept = fitIntercept
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
        try validate()
    }

    public func validate() throws(ClassicError) {
        try checkHyperParameter(alpha >= 0 && alpha.isFinite, Self.name, "alpha", alpha, "a finite number ≥ 0")
        try checkHyperParameter((0...1).contains(l1Ratio), Self.name, "l1Ratio", l1Ratio, "in [0, 1]")
        try checkHyperParameter(tolerance > 0, Self.name, "tolerance", tolerance, "> 0")
        try checkHyperParameter(maximumIterations >= 1, Self.name, "maximumIterations", maximumIterations, "≥ 1")
    }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> LinearModel {
        try validate()
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        let n = Double(x.shape[0]), (l1, l2) = (n * alpha * l1Ratio, n * alpha * (1 - l1Ratio))
        let solver = CoordinateDescent(tolerance: tolerance, maximumIterations: maximumIterations)
        if x.shape[0] > x.shape[1] {
            // The Gram form straight from the data, without the centred copy (CoordinateDescent.Problem).
            let data = CenteredData.Products(x, y, fitIntercept: fitIntercept)
            let w = solver.solve(.gram(q: data.gram, xty: data.xty, yty: data.yty), l1: l1, l2: l2).w
            return data.model(coefficients: w, estimator: Self.name, hyperParameters: hyperParameters)
        }
        let data = CenteredData(x, y, fitIntercept: fitIntercept)
        let w = solver.solve(.init(data.x, data.y), l1: l1, l2: l2).w
        return data.model(coefficients: w, estimator: Self.name, hyperParameters: hyperParameters)
    }

    var hyperParameters: [String: String] {
        ["alpha": "\(alpha)", "l1Ratio": "\(l1Ratio)", "fitIntercept": "\(fitIntercept)"]
    }
}
