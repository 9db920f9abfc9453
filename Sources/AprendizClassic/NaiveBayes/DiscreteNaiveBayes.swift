import AprendizData
import AprendizTensor
import Foundation

/// What ``MultinomialNB`` and ``BernoulliNB`` share: additive (Laplace/Lidstone) smoothing α, class priors
/// learnt or uniform or given, and a model of per-class feature log-probabilities.
/// ```
/// ln P(c) = ln(n_c / n)  (fitPrior),   −ln K  (not fitPrior),   or ln of the given classPrior
/// ```
struct DiscreteNaiveBayesSettings: Sendable, Equatable, Codable {
    var alpha: Double
    var fitPrior: Bool
    var classPrior: [Double]?

    func validate(for estimator: String) throws(ClassicError) {
        try checkHyperParameter(alpha > 0 && alpha.isFinite, estimator, "alpha", alpha, "> 0 (0 gives ln 0 for a feature unseen in a class)")
        try checkPriors(classPrior, classes: classPrior?.count ?? 0, for: estimator)
    }

    /// The checks `fit` makes before counting (hyper-parameters, finite data of matching lengths, priors
    /// per class), and the classes.
    func labels(_ x: Tensor, _ y: Tensor, for estimator: String) throws(ClassicError) -> ClassLabels {
        try validate(for: estimator)
        try InputValidation.featuresAndTargets(x, y, for: estimator)
        let labels = try ClassLabels(y, for: estimator)
        try checkPriors(classPrior, classes: labels.classes.count, for: estimator)
        return labels
    }

    /// The fitted parameters from ln p_cj (`[classes, features]`, row-major) and the class counts.
    func parameters(_ labels: ClassLabels, logProbability: [Double], counts: [Double]) -> DiscreteNaiveBayesParameters {
        let k = labels.classes.count
        return DiscreteNaiveBayesParameters(classes: labels.classes,
                                            featureLogProbability: Tensor(shape: [k, logProbability.count / k], scalars: logProbability.map(Float.init)),
                                            classLogPrior: Tensor(classLogPrior(counts).map(Float.init)))
    }

    /// ln P(c) for classes with `counts` rows.
    func classLogPrior(_ counts: [Double]) -> [Double] {
        if let classPrior { return classPrior.map { log($0) } }
        if !fitPrior { return counts.map { _ in -log(Double(counts.count)) } }
        let total = counts.reduce(0, +)
        return counts.map { log($0) - log(total) }
    }

    /// The hyper-parameters as model-file metadata.
    var archived: [String: String] {
        var parameters = ["alpha": "\(alpha)", "fitPrior": "\(fitPrior)"]
        if let classPrior { parameters["classPrior"] = classPrior.map { "\($0)" }.joined(separator: ",") }
        return parameters
    }

    init(alpha: Double, fitPrior: Bool, classPrior: [Double]?) {
        self.alpha = alpha
        self.fitPrior = fitPrior
        self.classPrior = classPrior
    }

    init(archived parameters: [String: String], kind: String) throws(ClassicError) {
        guard let alpha = parameters["alpha"].flatMap(Double.init), let fitPrior = parameters["fitPrior"].flatMap(Bool.init) else {
            throw .invalidModelFile(expected: kind, reason: "bad or missing alpha/fitPrior in \(parameters)")
        }
        self.init(alpha: alpha, fitPrior: fitPrior,
                  classPrior: parameters["classPrior"].map { $0.split(separator: ",").compactMap { Double($0) } })
    }
}

/// The per-class log-probabilities of a discrete naive Bayes model, with what the model file needs.
struct DiscreteNaiveBayesParameters: Sendable, Equatable {
    let classes: [Int]
    /// ln P(xⱼ | c) (multinomial) or ln P(xⱼ = 1 | c) (Bernoulli), `[classes, features]`.
    let featureLogProbability: Tensor
    /// ln P(c).
    let classLogPrior: Tensor

    func archive(estimator: String, hyperParameters: [String: String]) -> SafetensorsArchive {
        var archive = SafetensorsArchive(tensors: ["featureLogProbability": featureLogProbability, "classLogPrior": classLogPrior],
                                         estimator: estimator, hyperParameters: hyperParameters)
        archive.metadata["classes"] = ClassListCoding.encode(classes)
        return archive
    }

    init(classes: [Int], featureLogProbability: Tensor, classLogPrior: Tensor) {
        self.classes = classes
        self.featureLogProbability = featureLogProbability
        self.classLogPrior = classLogPrior
    }

    init(archive: SafetensorsArchive, kind: String) throws(ClassicError) {
        let logProbability = try archive.tensor("featureLogProbability", for: kind)
        let prior = try archive.tensor("classLogPrior", for: kind)
        let classes = try ClassListCoding.decode(try archive.value("classes", for: kind), for: kind)
        guard logProbability.rank == 2, logProbability.shape[0] == classes.count, prior.shape == [classes.count] else {
            throw .invalidModelFile(expected: kind, reason: "featureLogProbability \(logProbability.shape) and classLogPrior \(prior.shape) do not fit \(classes.count) classes")
        }
        self.init(classes: classes, featureLogProbability: logProbability, classLogPrior: prior)
    }

    /// jll = ln P(c) + bias_c + Σⱼ xᵢⱼ·W_cj for the rows of `x`, in `Double`.
    func linearJointLogLikelihood(_ x: Tensor, weights: [Double], bias: [Double]) -> [Double] {
        let (k, p, n) = (classes.count, featureLogProbability.shape[1], x.shape[0])
        let prior = classLogPrior.scalars.map(Double.init)
        let rows = DenseMatrix(x).values
        var jll = [Double](repeating: 0, count: n * k)
        for i in 0..<n {
            for c in 0..<k {
                var total = prior[c] + bias[c]
                for j in 0..<p { total += rows[i * p + j] * weights[c * p + j] }
                jll[i * k + c] = total
            }
        }
        return jll
    }
}

/// Checks that every value of `x` is ≥ 0 (counts or frequencies).
func checkNonNegative(_ x: Tensor, for estimator: String) throws(ClassicError) {
    if let bad = x.scalars.firstIndex(where: { $0 < 0 }) {
        throw .invalidData(estimator: estimator, reason: "x must be non-negative (counts), found \(x.scalars[bad]) at row \(bad / x.shape[1]), column \(bad % x.shape[1])")
    }
}
