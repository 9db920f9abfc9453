import AprendizData
import AprendizTensor
import Foundation

/// Gaussian naive Bayes (§5.2 Bayes' rule with normal likelihoods §5.4; scikit-learn's `GaussianNB`): each
/// feature is normal within each class,
/// ```
/// ln P(xⱼ | c) = −½ ln(2π σ²_cj) − (xⱼ − θ_cj)² / (2σ²_cj)
/// θ_cj = mean of feature j over class c,   σ²_cj = its variance (1/n_c) + ε
/// ε = varianceSmoothing · maxⱼ Var(x·ⱼ)       (variance smoothing, over all rows)
/// P(c) = n_c / n, or the given priors
/// ```
/// Defaults as scikit-learn: varianceSmoothing = 10⁻⁹, priors from the class frequencies.
public struct GaussianNB: Estimator, Equatable, Codable {
    public static let name = "GaussianNB"
    /// The fraction of the largest feature variance added to every variance, for stability (default 10⁻⁹).
    public var varianceSmoothing: Double
    /// P(c) for the sorted classes; nil: the class frequencies (default).
    public var priors: [Double]?

    /// Validates and stores the hyper-parameters.
    public init(varianceSmoothing: Double = 1e-9, priors: [Double]? = nil) throws(ClassicError) {
        self.varianceSmoothing = varianceSmoothing
        self.priors = priors
        try validate()
    }

    public func validate() throws(ClassicError) {
        try checkHyperParameter(varianceSmoothing >= 0 && varianceSmoothing.isFinite, Self.name, "varianceSmoothing", varianceSmoothing, "≥ 0")
        try checkPriors(priors, classes: priors?.count ?? 0, for: Self.name)
    }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> GaussianNBModel {
        try validate()
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        let labels = try ClassLabels(y, for: Self.name)
        try checkPriors(priors, classes: labels.classes.count, for: Self.name)
        let data = DenseMatrix(x)
        let (k, p, n) = (labels.classes.count, data.columns, Double(data.rows))
        let all = ClassSums(data, labels: [Int](repeating: 0, count: data.rows), classes: 1)
        let allMeans = all.sums.map { $0 / n }
        var allSquares = [Double](repeating: 0, count: p)
        for i in 0..<data.rows {
            for j in 0..<p { let t = data.values[i * p + j] - allMeans[j]; allSquares[j] += t * t }
        }
        let epsilon = varianceSmoothing * allSquares.max()! / n
        let sums = ClassSums(data, labels: labels.indices, classes: k)
        let means = (0..<(k * p)).map { sums.sums[$0] / sums.counts[$0 / p] }
        var squares = [Double](repeating: 0, count: k * p)
        for (i, c) in labels.indices.enumerated() {
            for j in 0..<p { let t = data.values[i * p + j] - means[c * p + j]; squares[c * p + j] += t * t }
        }
        let variances = (0..<(k * p)).map { squares[$0] / sums.counts[$0 / p] + epsilon }
        return GaussianNBModel(classes: labels.classes, means: Tensor(shape: [k, p], scalars: means.map(Float.init)),
                               variances: Tensor(shape: [k, p], scalars: variances.map(Float.init)),
                               classPrior: priors ?? sums.counts.map { $0 / n }, epsilon: epsilon, estimator: self)
    }
}

/// A fitted ``GaussianNB``: per-class means θ (scikit-learn's `theta_`), variances σ² (`var_`, smoothed) and
/// priors. Its model file (kind `gaussian-nb`) stores `means`, `variances` and `classPrior`.
public struct GaussianNBModel: NaiveBayesModel, ArchivableModel, Equatable {
    public static let archiveKind = "gaussian-nb"
    public let classes: [Int]
    /// θ, `[classes, features]`.
    public let means: Tensor
    /// σ² + ε, `[classes, features]`.
    public let variances: Tensor
    /// P(c).
    public let classPrior: [Double]
    /// ε, the variance added to every feature (scikit-learn's `epsilon_`).
    public let epsilon: Double
    /// The hyper-parameters it was fitted with.
    public let estimator: GaussianNB
    public var featureCount: Int { means.shape[1] }

    public func jointLogLikelihood(_ x: Tensor) -> [Double] {
        requireFeatures(x, "jointLogLikelihood")
        let (k, p, n) = (classes.count, featureCount, x.shape[0])
        let theta = means.scalars.map(Double.init), variance = variances.scalars.map(Double.init)
        let precision = variance.map { 1 / $0 }
        let constant = (0..<k).map { c in
            log(classPrior[c]) - 0.5 * (0..<p).reduce(0.0) { $0 + log(2 * Double.pi * variance[c * p + $1]) }
        }
        var jll = [Double](repeating: 0, count: n * k)
        let rows = DenseMatrix(x).values
        jll.withUnsafeMutableBufferPointer { out in
            let outp = out.baseAddress!
            Parallel.forEach((n + 255) / 256) { block in
                for i in (block * 256)..<min(n, block * 256 + 256) {
                    for c in 0..<k {
                        var total = 0.0
                        for j in 0..<p { let t = rows[i * p + j] - theta[c * p + j]; total += t * t * precision[c * p + j] }
                        outp[i * k + c] = constant[c] - 0.5 * total
                    }
                }
            }
        }
        return jll
    }

    public func archived() -> SafetensorsArchive {
        var archive = SafetensorsArchive(tensors: ["means": means, "variances": variances, "classPrior": Tensor(classPrior.map(Float.init))],
                                         estimator: GaussianNB.name,
                                         hyperParameters: ["varianceSmoothing": "\(estimator.varianceSmoothing)", "epsilon": "\(epsilon)"])
        archive.metadata["classes"] = ClassListCoding.encode(classes)
        archive.metadata["priors"] = "\(classPrior)"
        return archive
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let kind = Self.archiveKind
        let means = try archive.tensor("means", for: kind), variances = try archive.tensor("variances", for: kind)
        let classes = try ClassListCoding.decode(try archive.value("classes", for: kind), for: kind)
        let priorText = try archive.value("priors", for: kind).trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
        let prior = priorText.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard means.rank == 2, variances.shape == means.shape, means.shape[0] == classes.count, prior.count == classes.count,
              let smoothing = archive.hyperParameters["varianceSmoothing"].flatMap(Double.init),
              let epsilon = archive.hyperParameters["epsilon"].flatMap(Double.init) else {
            throw .invalidModelFile(expected: kind, reason: "means \(means.shape), variances \(variances.shape), \(classes.count) classes and \(prior.count) priors do not fit")
        }
        let estimator: GaussianNB
        do { estimator = try GaussianNB(varianceSmoothing: smoothing) } catch { throw .invalidModelFile(expected: kind, reason: error.description) }
        self.init(classes: classes, means: means, variances: variances, classPrior: prior, epsilon: epsilon, estimator: estimator)
    }

    init(classes: [Int], means: Tensor, variances: Tensor, classPrior: [Double], epsilon: Double, estimator: GaussianNB) {
        self.classes = classes
        self.means = means
        self.variances = variances
        self.classPrior = classPrior
        self.epsilon = epsilon
        self.estimator = estimator
    }
}
