import AprendizTensor

/// ν-support vector classification (§14; Schölkopf et al. 2000), as libsvm's ν-SVC behind scikit-learn's
/// `NuSVC` (1.9): ν ∈ (0, 1] replaces C as an upper bound on the fraction of margin errors and a lower bound
/// on the fraction of support vectors. For each pair of classes (one-vs-one), labels y = ±1 and
/// ```
/// primal:  min_{w,b,ξ,ρ} ½‖w‖² − νρ + (1/l) Σᵢ ξᵢ    s.t. yᵢ(wᵀφ(xᵢ) + b) ≥ ρ − ξᵢ, ξᵢ ≥ 0, ρ ≥ 0
/// dual (libsvm's scaling):  min_α ½ αᵀQα   s.t. yᵀα = 0, eᵀα = νl, 0 ≤ αᵢ ≤ 1,   Qᵢⱼ = yᵢyⱼ k(xᵢ, xⱼ)
/// ```
/// solved by `SMOSolver`'s ν variant (two classes of working-set indices, libsvm's `Solver_NU`), which
/// returns the offsets r₁, r₂ of the two classes; with r = (r₁ + r₂)/2 the decision function is that of a
/// C-SVC with C = 1/r:  yᵢαᵢ/r are the dual coefficients and b = −ρ/r, ρ = (r₁ − r₂)/2 (`solve_nu_svc`).
/// Prediction, ``SVCModel`` and probabilities (`probability: true`) are as ``SVC``'s. ν is infeasible
/// when ν(n_a + n_b)/2 > min(n_a, n_b) for some pair of class sizes (libsvm's check, an error here).
/// Defaults as scikit-learn: ν = 0.5, rbf kernel, γ = `scale`, tol 10⁻³, shrinking, 200 MB cache.
public struct NuSVC: Estimator, Equatable {
    /// The estimator's name in error messages (`Estimator` requirement).
    public static let name = "NuSVC"
    /// ν ∈ (0, 1] (default 0.5).
    public var nu: Double
    /// Kernel, γ, degree, coef0, tolerance, shrinking, cache size.
    public var parameters: SupportVectorParameters
    /// Whether to fit Platt-scaled probabilities (default false).
    public var probability: Bool
    /// The seed of the probability cross-validation folds (default 0).
    public var seed: UInt64

    /// Validates and stores the hyper-parameters.
    public init(nu: Double = 0.5, parameters: SupportVectorParameters = SupportVectorParameters(), probability: Bool = false,
                seed: UInt64 = 0) throws(ClassicError) {
        self.nu = nu
        self.parameters = parameters
        self.probability = probability
        self.seed = seed
        try validate()
    }

    /// Checks the hyper-parameters before any data is touched (`Estimator` requirement).
    public func validate() throws(ClassicError) {
        try checkHyperParameter(nu > 0 && nu <= 1, Self.name, "nu", nu, "in (0, 1]")
        try parameters.validate(Self.name)
    }

    /// Fits the model to rows `x` and targets `y` (`Estimator` requirement); errors name the bad input.
    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> SVCModel {
        try validate()
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        let labels = try ClassLabels(y, for: Self.name)
        var counts = [Int](repeating: 0, count: labels.classes.count)
        for i in labels.indices { counts[i] += 1 }
        for a in counts.indices {
            for b in counts.indices where b > a && nu * Double(counts[a] + counts[b]) / 2 > Double(min(counts[a], counts[b])) {
                throw .invalidData(estimator: Self.name, reason: "nu = \(nu) is infeasible for classes \(labels.classes[a]) and \(labels.classes[b]) "
                                   + "(\(counts[a]) and \(counts[b]) rows): needs nu ≤ 2·min/(sum) = \(2 * Double(min(counts[a], counts[b])) / Double(counts[a] + counts[b]))")
            }
        }
        let kernel = try parameters.resolvedKernel(for: x, Self.name)
        let training = SVCTraining(x: DenseMatrix(x), labels: labels, kernel: kernel, formulation: .nu(nu), parameters: parameters,
                                   probability: probability, seed: seed)
        return SVCModel(training.solveAllPairs(), x: x, classes: labels.classes, kernel: kernel,
                        hyperParameters: parameters.archived.merging(["nu": "\(nu)", "probability": "\(probability)"]) { $1 })
    }
}
