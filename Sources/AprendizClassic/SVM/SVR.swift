import AprendizTensor

/// ε-support vector regression (§14), as libsvm's ε-SVR behind scikit-learn's `SVR` (1.9):
/// ```
/// primal:  min ½‖w‖² + C Σᵢ (ξᵢ + ξᵢ*)   s.t. yᵢ − wᵀφ(xᵢ) − b ≤ ε + ξᵢ,  wᵀφ(xᵢ) + b − yᵢ ≤ ε + ξᵢ*,  ξ, ξ* ≥ 0
/// dual:    min ½(α − α*)ᵀK(α − α*) + Σᵢ (ε − yᵢ)αᵢ + (ε + yᵢ)αᵢ*   s.t. eᵀ(α − α*) = 0, 0 ≤ α, α* ≤ C
/// f(x) = Σᵢ (αᵢ − αᵢ*) k(xᵢ, x) + b
/// ```
/// solved by `SMOSolver` over the 2l variables (α, α*). Defaults as scikit-learn: C = 1, ε = 0.1, rbf
/// kernel, γ = `scale`, tol 10⁻³, shrinking, 200 MB cache.
public struct SVR: Estimator, Equatable {
    public static let name = "SVR"
    /// C > 0 (default 1).
    public var c: Double
    /// ε ≥ 0, the half-width of the insensitive tube (default 0.1).
    public var epsilon: Double
    /// Kernel, γ, degree, coef0, tolerance, shrinking, cache size.
    public var parameters: SupportVectorParameters

    /// Validates and stores the hyper-parameters.
    public init(c: Double = 1, epsilon: Double = 0.1, parameters: SupportVectorParameters = SupportVectorParameters()) throws(ClassicError) {
        self.c = c
        self.epsilon = epsilon
        self.parameters = parameters
        try validate()
    }

    public func validate() throws(ClassicError) {
        try checkHyperParameter(c > 0 && c.isFinite, Self.name, "c", c, "> 0")
        try checkHyperParameter(epsilon >= 0 && epsilon.isFinite, Self.name, "epsilon", epsilon, "≥ 0")
        try parameters.validate(Self.name)
    }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> SVRModel {
        try validate()
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        let kernel = try parameters.resolvedKernel(for: x, Self.name)
        let l = x.shape[0], targets = y.scalars.map(Double.init)
        let rows = SupportVectorParameters.trainingRows(DenseMatrix(x), Array(0..<l), precomputed: kernel.kind == .precomputed)
        let q = RegressionQ(rows, kernel, cacheMegabytes: parameters.cacheSize)
        let solution = SMOSolver.solve(q, p: targets.map { epsilon - $0 } + targets.map { epsilon + $0 },
                                       y: [Double](repeating: 1, count: l) + [Double](repeating: -1, count: l),
                                       start: [Double](repeating: 0, count: 2 * l), cPositive: c, cNegative: c,
                                       eps: parameters.tolerance, shrinking: parameters.shrinking)
        let beta = (0..<l).map { solution.alpha[$0] - solution.alpha[$0 + l] }
        let support = (0..<l).filter { beta[$0] != 0 }
        return SVRModel(kernel: kernel, supportVectors: x.selecting(support), supportIndices: support,
                        dualCoefficients: Tensor(shape: [1, support.count], scalars: support.map { Float(beta[$0]) }),
                        intercept: Float(-solution.rho), objective: solution.objective,
                        hyperParameters: parameters.archived.merging(["c": "\(c)", "epsilon": "\(epsilon)"]) { $1 })
    }
}
