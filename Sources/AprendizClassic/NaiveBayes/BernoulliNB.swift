import AprendizData
import AprendizTensor
import Foundation

/// Bernoulli naive Bayes (§14; scikit-learn's `BernoulliNB`) for binary features (present/absent); values
/// are first binarised at a threshold t:
/// ```
/// bⱼ = [xⱼ > t]
/// ln P(x | c) = Σⱼ bⱼ ln p_cj + (1 − bⱼ) ln(1 − p_cj),     p_cj = (N_cj + α) / (n_c + 2α)
/// N_cj = Σ_{i in c} bᵢⱼ   (rows of class c with feature j present)
/// ```
/// Defaults as scikit-learn: α = 1, threshold 0, class priors learnt (`fitPrior`).
public struct BernoulliNB: Estimator, Equatable, Codable {
    public static let name = "BernoulliNB"
    var settings: DiscreteNaiveBayesSettings
    /// t: values above it count as 1 (default 0); nil: the data are already 0/1.
    public var binarize: Double?
    /// α > 0, the pseudo-count (default 1).
    public var alpha: Double { settings.alpha }
    /// Whether to learn P(c) from the class frequencies (default true); false: uniform.
    public var fitPrior: Bool { settings.fitPrior }
    /// P(c) for the sorted classes, overriding ``fitPrior`` (default nil).
    public var classPrior: [Double]? { settings.classPrior }

    /// Validates and stores the hyper-parameters.
    public init(alpha: Double = 1, binarize: Double? = 0, fitPrior: Bool = true, classPrior: [Double]? = nil) throws(ClassicError) {
        settings = DiscreteNaiveBayesSettings(alpha: alpha, fitPrior: fitPrior, classPrior: classPrior)
        self.binarize = binarize
        try validate()
    }

    public func validate() throws(ClassicError) {
        try settings.validate(for: Self.name)
        try checkHyperParameter(binarize.map { $0.isFinite } ?? true, Self.name, "binarize", binarize.map { "\($0)" } ?? "nil", "finite or nil")
    }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> BernoulliNBModel {
        try validate()
        let labels = try settings.labels(x, y, for: Self.name)
        let (k, p) = (labels.classes.count, x.shape[1])
        let sums = ClassSums(DenseMatrix(x), labels: labels.indices, classes: k) { BernoulliNBModel.binarized($0, binarize) }
        var logProbability = [Double](repeating: 0, count: k * p)
        for c in 0..<k {
            for j in 0..<p { logProbability[c * p + j] = log(sums.sums[c * p + j] + alpha) - log(sums.counts[c] + 2 * alpha) }
        }
        return BernoulliNBModel(estimator: self, parameters: settings.parameters(labels, logProbability: logProbability, counts: sums.counts))
    }
}

/// A fitted ``BernoulliNB``: ln p_cj (scikit-learn's `feature_log_prob_`) and ln P(c). Its model file
/// (kind `bernoulli-nb`) stores both and the threshold.
public struct BernoulliNBModel: NaiveBayesModel, ArchivableModel, Equatable {
    public static let archiveKind = "bernoulli-nb"
    /// The hyper-parameters it was fitted with.
    public let estimator: BernoulliNB
    let parameters: DiscreteNaiveBayesParameters
    public var classes: [Int] { parameters.classes }
    /// ln p_cj = ln P(xⱼ present | c), `[classes, features]`.
    public var featureLogProbability: Tensor { parameters.featureLogProbability }
    /// ln P(c), `[classes]`.
    public var classLogPrior: Tensor { parameters.classLogPrior }
    public var featureCount: Int { featureLogProbability.shape[1] }

    init(estimator: BernoulliNB, parameters: DiscreteNaiveBayesParameters) {
        self.estimator = estimator
        self.parameters = parameters
    }

    /// 1 if `value` > `threshold` (or `value` itself without a threshold), else 0.
    static func binarized(_ value: Double, _ threshold: Double?) -> Double {
        guard let threshold else { return value }
        return value > threshold ? 1 : 0
    }

    /// jll_c(x) = ln P(c) + Σⱼ ln(1 − p_cj) + Σⱼ bⱼ (ln p_cj − ln(1 − p_cj)).
    public func jointLogLikelihood(_ x: Tensor) -> [Double] {
        requireFeatures(x, "jointLogLikelihood")
        let logP = featureLogProbability.scalars.map(Double.init)
        let logNot = logP.map { log(-expm1($0)) }
        let (k, p) = (classes.count, featureCount)
        let bias = (0..<k).map { c in (0..<p).reduce(0.0) { $0 + logNot[c * p + $1] } }
        let threshold = estimator.binarize
        let binary = Tensor(shape: x.shape, scalars: x.scalars.map { Float(Self.binarized(Double($0), threshold)) })
        return parameters.linearJointLogLikelihood(binary, weights: zip(logP, logNot).map { $0 - $1 }, bias: bias)
    }

    public func archived() -> SafetensorsArchive {
        var hyperParameters = estimator.settings.archived
        if let threshold = estimator.binarize { hyperParameters["binarize"] = "\(threshold)" }
        return parameters.archive(estimator: BernoulliNB.name, hyperParameters: hyperParameters)
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let parameters = archive.hyperParameters
        let settings = try DiscreteNaiveBayesSettings(archived: parameters, kind: Self.archiveKind)
        do {
            estimator = try BernoulliNB(alpha: settings.alpha, binarize: parameters["binarize"].flatMap(Double.init),
                                        fitPrior: settings.fitPrior, classPrior: settings.classPrior)
        } catch { throw .invalidModelFile(expected: Self.archiveKind, reason: error.description) }
        self.parameters = try DiscreteNaiveBayesParameters(archive: archive, kind: Self.archiveKind)
    }
}
