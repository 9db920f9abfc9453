import AprendizTensor

/// Ridge regression (§12.4; scikit-learn's `Ridge`): least squares with an L2 penalty,
/// ```
/// minimise ‖y − Xw − b‖² + α‖w‖²
/// primal (features ≤ rows):  (XcᵀXc + αI)·w = Xcᵀyc
/// dual   (features > rows):  w = Xcᵀ·(XcXcᵀ + αI)⁻¹·yc      (an n × n system: the solver for many features)
/// ```
/// both solved by Cholesky and refined in `Double`; b = ȳ − x̄ᵀw is not penalised. Default α = 1 as in
/// scikit-learn; ``Solver/automatic`` picks the smaller system.
public struct Ridge: Estimator, Equatable, Codable {
    /// Which system is solved.
    public enum Solver: String, Equatable, Codable, CaseIterable, Sendable {
        /// The smaller of the two.
        case automatic
        /// features × features.
        case primal
        /// rows × rows.
        case dual
    }

    public static let name = "Ridge"
    /// α > 0 (default 1).
    public var alpha: Double
    /// Whether to fit b (default true).
    public var fitIntercept: Bool
    /// The solver (default automatic).
    public var solver: Solver

    /// Validates and stores the hyper-parameters.
    public init(alpha: Double = 1, fitIntercept: Bool = true, solver: Solver = .automatic) throws(ClassicError) {
        self.alpha = alpha
        self.fitIntercept = fitIntercept
        self.solver = solver
        try validate()
    }

    public func validate() throws(ClassicError) {
        try checkHyperParameter(alpha > 0 && alpha.isFinite, Self.name, "alpha", alpha, "a finite number > 0")
    }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> LinearModel {
        try validate()
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        let (n, p) = (x.shape[0], x.shape[1])
        let hyperParameters = ["alpha": "\(alpha)", "fitIntercept": "\(fitIntercept)", "solver": solver.rawValue]
        if solver == .dual || (solver == .automatic && p > n) {
            let data = CenteredData(x, y, fitIntercept: fitIntercept)
            var kernel = data.x.transposed().gram()
            for i in 0..<n { kernel[i * n + i] += alpha }
            let w = data.x.transposeTimes(RefinedSolve.positiveDefinite(kernel, n: n, data.y))
            return data.model(coefficients: w, estimator: Self.name, hyperParameters: hyperParameters)
        }
        let data = CenteredData.Products(x, y, fitIntercept: fitIntercept)
        var gram = data.gram
        for j in 0..<p { gram[j * p + j] += alpha }
        let w = RefinedSolve.positiveDefinite(gram, n: p, data.xty)
        return data.model(coefficients: w, estimator: Self.name, hyperParameters: hyperParameters)
    }
}
