import AprendizTensor

/// A linear support vector classifier for large problems (§14), as scikit-learn's `LinearSVC` (1.9, liblinear),
/// solved in the dual by `DualCoordinateDescent` (Hsieh et al. 2008):
/// ```
/// min_w ½‖w‖² + C Σᵢ max(0, 1 − yᵢ wᵀx̃ᵢ)²    (squared hinge, default; or the hinge without the square)
/// x̃ = [x, s]  (the intercept as a weight on a constant feature s = interceptScaling, penalised as liblinear)
/// ```
/// two classes: one w, positive for classes[1]; K classes: one-vs-rest, class k against the others.
/// Defaults as scikit-learn: C = 1, squared hinge, intercept with scaling 1, tol 10⁻⁴, 1000 iterations.
public struct LinearSVC: Estimator, Equatable {
    /// The loss on the margin.
    public enum Loss: String, Equatable, Sendable {
        /// max(0, 1 − y·f).
        case hinge
        /// max(0, 1 − y·f)² (default).
        case squaredHinge = "squared-hinge"
    }

    /// The estimator's name in error messages (`Estimator` requirement).
    public static let name = "LinearSVC"
    /// C > 0 (default 1).
    public var c: Double
    /// The loss (default squared hinge).
    public var loss: Loss
    /// Whether to fit an intercept (default true).
    public var fitIntercept: Bool
    /// The constant feature's value s (default 1); the intercept is s·w_s.
    public var interceptScaling: Double
    /// The stopping tolerance on the projected gradient (default 10⁻⁴).
    public var tolerance: Double
    /// The maximum number of passes (default 1000).
    public var maximumIterations: Int
    /// The seed of the visiting order (default 0).
    public var seed: UInt64

    /// Validates and stores the hyper-parameters.
    public init(c: Double = 1, loss: Loss = .squaredHinge, fitIntercept: Bool = true, interceptScaling: Double = 1,
                tolerance: Double = 1e-4, maximumIterations: Int = 1000, seed: UInt64 = 0) throws(ClassicError) {
        self.c = c
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
        try checkHyperParameter(interceptScaling > 0, Self.name, "interceptScaling", interceptScaling, "> 0")
        try checkHyperParameter(tolerance > 0, Self.name, "tolerance", tolerance, "> 0")
        try checkHyperParameter(maximumIterations >= 1, Self.name, "maximumIterations", maximumIterations, "≥ 1")
    }

    /// Fits the model to rows `x` and targets `y` (`Estimator` requirement); errors name the bad input.
    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> LinearSVCModel {
        try validate()
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        let labels = try ClassLabels(y, for: Self.name)
        let (n, p) = (x.shape[0], x.shape[1])
        let data = fitIntercept ? DenseMatrix(x).appendingConstantColumn(interceptScaling) : DenseMatrix(x)
        let solver = DualCoordinateDescent(x: data, squaredHinge: loss == .squaredHinge, tolerance: tolerance,
                                           maximumIterations: maximumIterations)
        let positives = labels.classes.count == 2 ? [1] : Array(0..<labels.classes.count)
        var coefficients: [Float] = [], intercept: [Float] = []
        for k in positives {
            let signs = labels.indices.map { $0 == k ? 1.0 : -1.0 }
            let w = solver.solve(y: signs, c: [Double](repeating: c, count: n), seed: seed).w
            coefficients += w[0..<p].map(Float.init)
            intercept.append(fitIntercept ? Float(w[p] * interceptScaling) : 0)
        }
        return LinearSVCModel(coefficients: Tensor(shape: [positives.count, p], scalars: coefficients), intercept: Tensor(intercept),
                              classes: labels.classes,
                              hyperParameters: ["c": "\(c)", "loss": loss.rawValue, "fitIntercept": "\(fitIntercept)",
                                                "interceptScaling": "\(interceptScaling)", "tolerance": "\(tolerance)"])
    }
}

extension DenseMatrix {
    /// The matrix with a last column of `value` (liblinear's bias feature: the intercept as a penalised weight).
    func appendingConstantColumn(_ value: Double) -> DenseMatrix {
        let (n, p) = (rows, columns)
        var out = [Double](repeating: value, count: n * (p + 1))
        for i in 0..<n { for j in 0..<p { out[i * (p + 1) + j] = values[i * p + j] } }
        return DenseMatrix(rows: n, columns: p + 1, values: out)
    }
}
