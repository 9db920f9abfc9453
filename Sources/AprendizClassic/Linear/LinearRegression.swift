import AprendizTensor

/// Ordinary least-squares linear regression (§12.2; scikit-learn's `LinearRegression`):
/// ```
/// minimise ‖y − Xw − b‖²   ⇒   normal equation (§12.2.2)  XcᵀXc·w = Xcᵀyc,   b = ȳ − x̄ᵀw
/// ```
/// with Xc, yc the centred data. Two solvers, neither forming an inverse:
/// - ``Solver/normalEquations``: the Cholesky factorisation of XcᵀXc (accumulated in `Double`), refined in
///   `Double` (`RefinedSolve`) — fast when rows ≫ features; needs full column rank.
/// - ``Solver/leastSquares`` (default, scikit-learn's `lstsq`): the minimum-norm solution — through the
///   refined normal equations when Xc is well conditioned (`RefinedSolve.normalEquations(_:_:)`, one
///   pass over the data for XᵀX), else through the SVD of Xc, safe when features are collinear or
///   outnumber the rows.
public struct LinearRegression: Estimator, Equatable, Codable {
    /// How w is computed.
    public enum Solver: String, Equatable, Codable, CaseIterable, Sendable {
        /// Cholesky on XᵀX.
        case normalEquations
        /// Least squares (minimum norm): refined normal equations when X is well conditioned, else the SVD.
        case leastSquares
    }

    public static let name = "LinearRegression"
    /// Whether to fit b (default true).
    public var fitIntercept: Bool
    /// The solver (default least squares).
    public var solver: Solver

    /// Stores the hyper-parameters (all combinations are valid).
    public init(fitIntercept: Bool = true, solver: Solver = .leastSquares) {
        self.fitIntercept = fitIntercept
        self.solver = solver
    }

    public func validate() throws(ClassicError) {}

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> LinearModel {
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        let data = CenteredData(x, y, fitIntercept: fitIntercept)
        let w: [Double]
        switch solver {
        case .leastSquares:
            w = RefinedSolve.normalEquations(data.x, data.y) ?? RefinedSolve.leastSquares(data.x, data.y).solution
        case .normalEquations:
            let gram = data.x.gram()
            let diagonal = (0..<data.x.columns).map { gram[$0 * data.x.columns + $0] }
            guard diagonal.allSatisfy({ $0 > 0 }) else {
                throw .invalidData(estimator: Self.name, reason: "a feature is constant, so XᵀX is singular; use solver leastSquares")
            }
            w = RefinedSolve.positiveDefinite(gram, n: data.x.columns, data.x.transposeTimes(data.y))
        }
        return data.model(coefficients: w, estimator: Self.name,
                          hyperParameters: ["fitIntercept": "\(fitIntercept)", "solver": solver.rawValue])
    }
}
