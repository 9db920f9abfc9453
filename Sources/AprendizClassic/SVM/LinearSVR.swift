import AprendizTensor

/// Linear support vector regression for large problems (§14), as scikit-learn's `LinearSVR` (1.9, liblinear),
/// solved in the dual by `RegressionCoordinateDescent` (Ho & Lin 2012):
/// ```
/// min_w ½‖w‖² + C Σᵢ max(0, |yᵢ − wᵀx̃ᵢ| − ε)      (ε-insensitive, default; or its square)
/// x̃ = [x, s]  (the intercept as a weight on a constant feature s = interceptScaling, penalised as liblinear)
/// ```
/// Defaults as scikit-learn: C = 1, ε = 0, ε-insensitive loss, intercept with scaling 1, tol 10⁻⁴, 1000 passes.
public struct LinearSVR: Estimator, Equatable {
    /// The loss on the residual r = y − f(x).
    public enum Loss: String, Equatable, Sendable {
        /// max(0, |r| − ε) (default; liblinear's L2R_L1LOSS_SVR_DUAL).
        case epsilonInsensitive = "epsilon-insensitive"
        /// max(0, |r| − ε)² (liblinear's L2R_L2LOSS_SVR_DUAL).
        case squaredEpsilonInsensitive = "squared-epsilon-insensitive"
    }

    /// The estimator's name in error messages (`Estimator` requirement).
    public static let name = "LinearSVR"
    /// C > 0 (default 1).
    public var c: Double
    /// ε ≥ 0, the half-width of the insensitive tube (default 0).
    public var epsilon: Double
    /// The loss (default ε-insensitive).
    public var loss: Loss
    /// Whether to fit an intercept (default true).
    public var fitIntercept: Bool
    /// The constant feature's value s (default 1); the intercept is s·w_s.
    public var interceptScaling: Double
    /// The stopping tolerance, relative to the first pass's total violation (default 10⁻⁴).
    public var tolerance: Double
    /// The maximum number of passes (default 1000).
    public var maximumIterations: Int
    /// The seed of the visiting order (default 0).
    public var seed: UInt64

    /// Validates and stores the hyper-parameters.
    public init(c: Double = 1, epsilon: Double = 0, loss: Loss = .epsilonInsensitive, fitIntercept: Bool = true,
                interceptScaling: Double = 1, tolerance: Double = 1e-4, maximumIterations: Int = 1000, seed: UInt64 = 0) throws(ClassicError) {
        self.c = c
        self.epsilon = epsilon
        self.loss = loss
        self.fitIntercept = fitIntercept
        self.interceptScaling = interceptScaling
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
        self.seed = seed
        try validate()
    }

    /// Checks the hyper-parameters before any data is touched (`Estimator` requirement).
    public func validate() throws(ClassicError) {
        try checkHyperParameter(c > 0 && c.isFinite, Self.name, "c", c, "> 0")
        try checkHyperParameter(epsilon >= 0 && epsilon.isFinite, Self.name, "epsilon", epsilon, "≥ 0")
        try checkHyperParameter(interceptScaling > 0, Self.name, "interceptScaling", interceptScaling, "> 0")
        try checkHyperParameter(tolerance > 0, Self.name, "tolerance", tolerance, "> 0")
        try checkHyperParameter(maximumIterations >= 1, Self.name, "maximumIterations", maximumIterations, "≥ 1")
    }

    /// Fits the model to rows `x` and targets `y` (`Estimator` requirement); errors name the bad input.
    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> LinearSVRModel {
        try validate()
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        let p = x.shape[1]
        let data = fitIntercept ? DenseMatrix(x).appendingConstantColumn(interceptScaling) : DenseMatrix(x)
        let solver = RegressionCoordinateDescent(x: data, squaredLoss: loss == .squaredEpsilonInsensitive, c: c, epsilon: epsilon,
                                                 tolerance: tolerance, maximumIterations: maximumIterations)
        let w = solver.solve(y: y.scalars.map(Double.init), seed: seed).w
        return LinearSVRModel(coefficients: Tensor(w[0..<p].map(Float.init)), intercept: fitIntercept ? Float(w[p] * interceptScaling) : 0,
                              hyperParameters: ["c": "\(c)", "epsilon": "\(epsilon)", "loss": loss.rawValue,
                                                "fitIntercept": "\(fitIntercept)", "interceptScaling": "\(interceptScaling)",
                                                "tolerance": "\(tolerance)"])
    }
}
