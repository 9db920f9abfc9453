import AprendizTensor

/// C-support vector classification (§14), as libsvm's C-SVC behind scikit-learn's `SVC` (1.9): for each
/// pair of classes (one-vs-one), labels y = ±1 and the dual
/// ```
/// primal:  min_{w,b,ξ} ½‖w‖² + Σᵢ Cᵢ ξᵢ    s.t. yᵢ(wᵀφ(xᵢ) + b) ≥ 1 − ξᵢ, ξᵢ ≥ 0
/// dual:    min_α ½ αᵀQα − eᵀα             s.t. yᵀα = 0, 0 ≤ αᵢ ≤ Cᵢ,  Qᵢⱼ = yᵢyⱼ k(xᵢ, xⱼ)
/// Cᵢ = C · classWeight[yᵢ]
/// ```
/// solved by `SMOSolver`; a new row is predicted by the vote of the K(K−1)/2 pairwise classifiers
/// (ties to the lower class). Defaults as scikit-learn: C = 1, rbf kernel, γ = `scale`, tol 10⁻³,
/// shrinking, 200 MB cache, no class weights, no probabilities. With `probability: true` (scikit-learn's
/// `SVC(probability=True)`), each pair also fits Platt's sigmoid on 5-fold cross-validated decision values
/// (libsvm's `svm_binary_svc_probability`, `PlattScaling`) and ``SVCModel/predictProbabilities(_:)``
/// couples the pairwise probabilities (`PairwiseCoupling`); the folds are random (drawn from `seed`), so
/// the probabilities match scikit-learn's only loosely, while the decision function is unchanged.
public struct SVC: Estimator, Equatable {
    /// Per-class multipliers of C (scikit-learn's `class_weight`).
    public enum ClassWeight: Equatable, Sendable {
        /// All 1.
        case none
        /// n / (K · nₖ), as scikit-learn's `balanced`.
        case balanced
        /// The given weight per label (others 1).
        case custom([Int: Double])
    }

    /// The estimator's name in error messages (`Estimator` requirement).
    public static let name = "SVC"
    /// C > 0, the penalty on margin violations (default 1).
    public var c: Double
    /// Kernel, γ, degree, coef0, tolerance, shrinking, cache size.
    public var parameters: SupportVectorParameters
    /// Per-class weights of C (default none).
    public var classWeight: ClassWeight
    /// Whether to fit Platt-scaled probabilities (default false).
    public var probability: Bool
    /// The seed of the probability cross-validation folds (scikit-learn's `random_state`, default 0).
    public var seed: UInt64

    /// Validates and stores the hyper-parameters.
    public init(c: Double = 1, parameters: SupportVectorParameters = SupportVectorParameters(), classWeight: ClassWeight = .none,
                probability: Bool = false, seed: UInt64 = 0) throws(ClassicError) {
        self.c = c
        self.parameters = parameters
        self.classWeight = classWeight
        self.probability = probability
        self.seed = seed
        try validate()
    }

    /// Checks the hyper-parameters before any data is touched (`Estimator` requirement).
    public func validate() throws(ClassicError) {
        try checkHyperParameter(c > 0 && c.isFinite, Self.name, "c", c, "> 0")
        try parameters.validate(Self.name)
        if case .custom(let weights) = classWeight {
            for (label, w) in weights { try checkHyperParameter(w >= 0 && w.isFinite, Self.name, "classWeight[\(label)]", w, "≥ 0") }
        }
    }

    /// Fits the model to rows `x` and targets `y` (`Estimator` requirement); errors name the bad input.
    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> SVCModel {
        try validate()
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        let labels = try ClassLabels(y, for: Self.name)
        let kernel = try parameters.resolvedKernel(for: x, Self.name)
        let training = SVCTraining(x: DenseMatrix(x), labels: labels, kernel: kernel, formulation: .c(weightedC(labels)),
                                   parameters: parameters, probability: probability, seed: seed)
        return SVCModel(training.solveAllPairs(), x: x, classes: labels.classes, kernel: kernel,
                        hyperParameters: parameters.archived.merging(["c": "\(c)", "probability": "\(probability)"]) { $1 })
    }

    /// C·weight for each class (in the order of `labels.classes`).
    private func weightedC(_ labels: ClassLabels) -> [Double] {
        let k = labels.classes.count
        switch classWeight {
        case .none: return [Double](repeating: c, count: k)
        case .balanced:
            var counts = [Int](repeating: 0, count: k)
            for i in labels.indices { counts[i] += 1 }
            return counts.map { c * Double(labels.indices.count) / (Double(k) * Double($0)) }
        case .custom(let weights): return labels.classes.map { c * (weights[$0] ?? 1) }
        }
    }
}
