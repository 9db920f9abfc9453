import AprendizTensor

/// Logistic regression (§12.7) and, for more than two classes, softmax regression (§12.8), as
/// scikit-learn's `LogisticRegression` (1.9): minimises the penalised log-loss
/// ```
/// C·Σᵢ ℓᵢ(W, b) + (1 − ρ)/2·‖W‖² + ρ·‖W‖₁        (ρ: 0 for L2, 1 for L1, between for elastic net)
/// two classes: sigmoid of one score;  K > 2 classes: softmax of K scores (multinomial)
/// ```
/// Smooth penalties (L2, none) are solved by L-BFGS, L1 and elastic net by accelerated proximal gradient.
/// The intercept is not penalised. Defaults as scikit-learn: C = 1, L2, intercept fitted; the solver runs
/// to max|∇f| ≤ `tolerance` on the mean loss (10⁻⁴, scikit-learn's `tol` for `lbfgs`, its `pgtol`) or
/// `maximumIterations` (100, scikit-learn's `max_iter`); pass a smaller tolerance for a tighter fit.
public struct LogisticRegression: Estimator, Equatable, Codable {
    /// The penalty on the weights.
    public enum Penalty: Equatable, Codable, Sendable {
        /// ½‖W‖² (scikit-learn's default, `l1_ratio=0`).
        case l2
        /// ‖W‖₁ (`l1_ratio=1`).
        case l1
        /// ρ‖W‖₁ + (1 − ρ)/2·‖W‖² (`l1_ratio=ρ`).
        case elasticNet(l1Ratio: Double)
        /// No penalty (`C=inf`).
        case none

        var l1Ratio: Double {
            switch self {
            case .l2, .none: 0
            case .l1: 1
            case .elasticNet(let ratio): ratio
            }
        }
    }

    public static let name = "LogisticRegression"
    /// C > 0: the inverse strength of the penalty (default 1).
    public var c: Double
    /// The penalty (default L2).
    public var penalty: Penalty
    /// Whether to fit the intercepts (default true).
    public var fitIntercept: Bool
    /// Convergence tolerance on max|∇f| (default 10⁻⁴, as scikit-learn).
    public var tolerance: Double
    /// Maximum solver iterations (default 100, as scikit-learn).
    public var maximumIterations: Int
    /// Whether to use one softmax even for two classes (``SoftmaxRegression``); false: sigmoid for two classes.
    public var alwaysMultinomial: Bool

    /// Validates and stores the hyper-parameters.
    public init(c: Double = 1, penalty: Penalty = .l2, fitIntercept: Bool = true, tolerance: Double = 1e-4,
                maximumIterations: Int = 100, alwaysMultinomial: Bool = false) throws(ClassicError) {
        self.c = c
        self.penalty = penalty
        self.fitIntercept = fitIntercept
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
        self.alwaysMultinomial = alwaysMultinomial
        try validate()
    }

    public func validate() throws(ClassicError) {
        try checkHyperParameter(c > 0, Self.name, "c", c, "> 0")
        try checkHyperParameter((0...1).contains(penalty.l1Ratio), Self.name, "penalty.l1Ratio", penalty.l1Ratio, "in [0, 1]")
        try checkHyperParameter(tolerance > 0, Self.name, "tolerance", tolerance, "> 0")
        try checkHyperParameter(maximumIterations >= 1, Self.name, "maximumIterations", maximumIterations, "≥ 1")
    }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> LogisticModel {
        try validate()
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        let labels = try ClassLabels(y, for: Self.name)
        let outputs = labels.classes.count == 2 && !alwaysMultinomial ? 1 : labels.classes.count
        let n = Double(x.shape[0])
        let strength = penalty == .none ? 0 : 1 / (n * c)
        let loss = LogisticLoss(x: x, labels: labels.indices, outputs: outputs, fitIntercept: fitIntercept,
                                l2: strength * (1 - penalty.l1Ratio))
        let start = [Double](repeating: 0, count: loss.parameterCount)
        let theta: [Double]
        if penalty.l1Ratio > 0 {
            theta = ProximalGradient(tolerance: tolerance * 1e-2, maximumIterations: maximumIterations * 10)
                .minimize(from: start, l1: strength * penalty.l1Ratio, penalisedCount: x.shape[1] * outputs, loss.evaluate)
        } else {
            // L-BFGS is not scale-invariant: it runs on standardised coordinates (same minimiser, see
            // FeatureScaling), which unscaled data such as wine (proline ~10³) and digits need.
            let scaling = FeatureScaling(x, outputs: outputs, fitIntercept: fitIntercept)
            let solver = LBFGS(maximumIterations: maximumIterations, gradientTolerance: tolerance)
            theta = scaling.original(solver.minimize(from: start) { scaling.evaluate($0, loss.evaluate) }.x)
        }
        return model(theta, features: x.shape[1], outputs: outputs, classes: labels.classes)
    }

    /// θ = (W `[features, K]`, b `[K]`) as scikit-learn's `coef_` `[K, features]` and `intercept_`.
    private func model(_ theta: [Double], features p: Int, outputs k: Int, classes: [Int]) -> LogisticModel {
        let w = Tensor(shape: [p, k], scalars: theta[0..<(p * k)].map(Float.init)).transposed()
        let b = fitIntercept ? theta[(p * k)...].map(Float.init) : [Float](repeating: 0, count: k)
        return LogisticModel(coefficients: w, intercept: Tensor(b), classes: classes, estimator: Self.name,
                             hyperParameters: ["c": "\(c)", "l1Ratio": "\(penalty.l1Ratio)", "fitIntercept": "\(fitIntercept)",
                                               "multinomial": "\(k > 1)"])
    }
}
