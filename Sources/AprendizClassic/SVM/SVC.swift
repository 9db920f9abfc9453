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
/// shrinking, 200 MB cache, no class weights. Probability estimates (libsvm's Platt scaling) are not
/// implemented: ``SVCModel/predictProbabilities(_:)`` returns the vote fractions.
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

    public static let name = "SVC"
    /// C > 0, the penalty on margin violations (default 1).
    public var c: Double
    /// Kernel, γ, degree, coef0, tolerance, shrinking, cache size.
    public var parameters: SupportVectorParameters
    /// Per-class weights of C (default none).
    public var classWeight: ClassWeight

    /// Validates and stores the hyper-parameters.
    public init(c: Double = 1, parameters: SupportVectorParameters = SupportVectorParameters(), classWeight: ClassWeight = .none) throws(ClassicError) {
        self.c = c
        self.parameters = parameters
        self.classWeight = classWeight
        try validate()
    }

    public func validate() throws(ClassicError) {
        try checkHyperParameter(c > 0 && c.isFinite, Self.name, "c", c, "> 0")
        try parameters.validate(Self.name)
        if case .custom(let weights) = classWeight {
            for (label, w) in weights { try checkHyperParameter(w >= 0 && w.isFinite, Self.name, "classWeight[\(label)]", w, "≥ 0") }
        }
    }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> SVCModel {
        try validate()
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        let labels = try ClassLabels(y, for: Self.name)
        let kernel = try parameters.resolvedKernel(for: x, Self.name)
        let training = SVCTraining(x: DenseMatrix(x), labels: labels, kernel: kernel, weightedC: weightedC(labels),
                                   parameters: parameters)
        let fitted = training.solveAllPairs()
        return SVCModel(classes: labels.classes, kernel: kernel, supportVectors: x.selecting(fitted.supportIndices),
                             supportIndices: fitted.supportIndices, supportCounts: fitted.supportCounts,
                             dualCoefficients: fitted.dualCoefficients, intercept: fitted.intercept, objectives: fitted.objectives,
                             hyperParameters: parameters.archived.merging(["c": "\(c)"]) { $1 })
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

/// The one-vs-one training of ``SVC`` (libsvm's `svm_train` for C-SVC): one ``SMOSolver`` run per pair
/// of classes on their rows, then the support vectors (rows with a non-zero coefficient in any pair)
/// grouped by class and the coefficients laid out as libsvm's `sv_coef` (scikit-learn's `dual_coef_`).
struct SVCTraining {
    let x: DenseMatrix
    let labels: ClassLabels
    let kernel: Kernel
    let weightedC: [Double]
    let parameters: SupportVectorParameters

    struct Fitted {
        var supportIndices: [Int]
        var supportCounts: [Int]
        var dualCoefficients: Tensor
        var intercept: Tensor
        var objectives: [Double]
    }

    /// Solves the K(K−1)/2 pairwise problems, in parallel on the ``Parallel`` pool (each with its own
    /// kernel cache; the results do not depend on the thread count).
    func solveAllPairs() -> Fitted {
        let k = labels.classes.count
        let groups = (0..<k).map { c in labels.indices.indices.filter { labels.indices[$0] == c } }
        let pairs = (0..<k).flatMap { a in ((a + 1)..<max(k, a + 1)).map { (a, $0) } }
        var solutions = [SMOSolver.Solution?](repeating: nil, count: pairs.count)
        solutions.withUnsafeMutableBufferPointer { buffer in
            let results = UncheckedBuffer(buffer)
            Parallel.forEach(pairs.count) { index in results[index] = solve(pairs[index], groups) }
        }
        var pairCoefficients: [[Double]] = [], rhos: [Double] = [], objectives: [Double] = []
        var nonzero = [Bool](repeating: false, count: labels.indices.count)
        for ((a, b), solution) in zip(pairs, solutions.map { $0! }) {
            let rows = groups[a] + groups[b]
            let coefficients = rows.indices.map { solution.alpha[$0] * (labels.indices[rows[$0]] == a ? 1 : -1) }
            for (r, i) in rows.enumerated() where coefficients[r] != 0 { nonzero[i] = true }
            pairCoefficients.append(coefficients)
            rhos.append(solution.rho)
            objectives.append(solution.objective)
        }
        return layout(groups: groups, nonzero: nonzero, pairCoefficients: pairCoefficients, rhos: rhos, objectives: objectives)
    }

    /// The dual of classes a (y = +1) against b (y = −1) on their rows.
    private func solve(_ pair: (Int, Int), _ groups: [[Int]]) -> SMOSolver.Solution {
        let (a, b) = pair
        let rows = groups[a] + groups[b]
        let signs = rows.map { labels.indices[$0] == a ? 1.0 : -1.0 }
        let q = ClassificationQ(SupportVectorParameters.trainingRows(x, rows, precomputed: kernel.kind == .precomputed), kernel,
                                signs: signs, cacheMegabytes: parameters.cacheSize)
        return SMOSolver.solve(q, p: [Double](repeating: -1, count: rows.count), y: signs, start: [Double](repeating: 0, count: rows.count),
                               cPositive: weightedC[a], cNegative: weightedC[b], eps: parameters.tolerance, shrinking: parameters.shrinking)
    }

    /// libsvm's layout: for pair (a, b), class a's support vectors take their coefficients in row b − 1,
    /// class b's in row a; intercept −ρ. Two classes: both negated (scikit-learn's sign, positive → classes[1]).
    private func layout(groups: [[Int]], nonzero: [Bool], pairCoefficients: [[Double]], rhos: [Double], objectives: [Double]) -> Fitted {
        let k = groups.count
        let supportGroups = groups.map { $0.filter { nonzero[$0] } }
        let supportIndices = supportGroups.flatMap { $0 }
        let starts = supportGroups.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        let count = supportIndices.count
        var dual = [Double](repeating: 0, count: (k - 1) * count)
        var pair = 0
        for a in 0..<k {
            for b in (a + 1)..<max(k, a + 1) {
                let coefficients = pairCoefficients[pair]
                var position = [Int: Int]()
                for (r, i) in (groups[a] + groups[b]).enumerated() { position[i] = r }
                for (q, i) in supportGroups[a].enumerated() { dual[(b - 1) * count + starts[a] + q] = coefficients[position[i]!] }
                for (q, i) in supportGroups[b].enumerated() { dual[a * count + starts[b] + q] = coefficients[position[i]!] }
                pair += 1
            }
        }
        let sign = k == 2 ? -1.0 : 1.0
        return Fitted(supportIndices: supportIndices, supportCounts: supportGroups.map(\.count),
                      dualCoefficients: Tensor(shape: [k - 1, count], scalars: dual.map { Float(sign * $0) }),
                      intercept: Tensor(rhos.map { Float(-sign * $0) }), objectives: objectives)
    }
}
