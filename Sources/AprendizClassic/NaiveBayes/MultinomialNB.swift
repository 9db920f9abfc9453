import AprendizData
import AprendizTensor
import Foundation

/// Multinomial naive Bayes (§14; scikit-learn's `MultinomialNB`) for counts (word counts, pixel intensities):
/// ```
/// ln P(x | c) = Σⱼ xⱼ ln p_cj + const,     p_cj = (N_cj + α) / (N_c + α·d)
/// N_cj = Σ_{i in c} xᵢⱼ,   N_c = Σⱼ N_cj                 (α = 1: Laplace smoothing)
/// ```
/// Defaults as scikit-learn: α = 1, class priors learnt from the class frequencies (`fitPrior`).
public struct MultinomialNB: Estimator, Equatable, Codable {
    public static let name = "MultinomialNB"
    var settings: DiscreteNaiveBayesSettings
    /// α > 0, the pseudo-count added to every feature count (default 1).
    public var alpha: Double { settings.alpha }
    /// Whether to learn P(c) from the class frequencies (default true); false: uniform.
    public var fitPrior: Bool { settings.fitPrior }
    /// P(c) for the sorted classes, overriding ``fitPrior`` (default nil).
    public var classPrior: [Double]? { settings.classPrior }

    /// Validates and stores the hyper-parameters.
    public init(alpha: Double = 1, fitPrior: Bool = true, classPrior: [Double]? = nil) throws(ClassicError) {
        settings = DiscreteNaiveBayesSettings(alpha: alpha, fitPrior: fitPrior, classPrior: classPrior)
        try validate()
    }

    public func validate() throws(ClassicError) { try settings.validate(for: Self.name) }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> MultinomialNBModel {
        let labels = try settings.labels(x, y, for: Self.name)
        try checkNonNegative(x, for: Self.name)
        let data = DenseMatrix(x)
        let (k, p) = (labels.classes.count, data.columns)
        let sums = ClassSums(data, labels: labels.indices, classes: k)
        var logProbability = [Double](repeating: 0, count: k * p)
        for c in 0..<k {
            let total = (0..<p).reduce(0.0) { $0 + sums.sums[c * p + $1] + alpha }
            for j in 0..<p { logProbability[c * p + j] = log(sums.sums[c * p + j] + alpha) - log(total) }
        }
        return MultinomialNBModel(estimator: self, parameters: settings.parameters(labels, logProbability: logProbability, counts: sums.counts))
    }
}

/// A fitted ``MultinomialNB``: ln p_cj (scikit-learn's `feature_log_prob_`) and ln P(c) (`class_log_prior_`).
/// Its model file (kind `multinomial-nb`) stores both.
public struct MultinomialNBModel: NaiveBayesModel, ArchivableModel, Equatable {
    public static let archiveKind = "multinomial-nb"
    /// The hyper-parameters it was fitted with.
    public let estimator: MultinomialNB
    let parameters: DiscreteNaiveBayesParameters
    public var classes: [Int] { parameters.classes }
    /// ln p_cj, `[classes, features]`.
    public var featureLogProbability: Tensor { parameters.featureLogProbability }
    /// ln P(c), `[classes]`.
    public var classLogPrior: Tensor { parameters.classLogPrior }
    public var featureCount: Int { featureLogProbability.shape[1] }

    init(estimator: MultinomialNB, parameters: DiscreteNaiveBayesParameters) {
        self.estimator = estimator
        self.parameters = parameters
    }

    /// jll_c(x) = ln P(c) + Σⱼ xⱼ ln p_cj.
    public func jointLogLikelihood(_ x: Tensor) -> [Double] {
        requireFeatures(x, "jointLogLikelihood")
        return parameters.linearJointLogLikelihood(x, weights: featureLogProbability.scalars.map(Double.init),
                                                   bias: [Double](repeating: 0, count: classes.count))
    }

    public func archived() -> SafetensorsArchive {
        parameters.archive(estimator: MultinomialNB.name, hyperParameters: estimator.settings.archived)
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let settings = try DiscreteNaiveBayesSettings(archived: archive.hyperParameters, kind: Self.archiveKind)
        do {
            estimator = try MultinomialNB(alpha: settings.alpha, fitPrior: settings.fitPrior, classPrior: settings.classPrior)
        } catch { throw .invalidModelFile(expected: Self.archiveKind, reason: error.description) }
        parameters = try DiscreteNaiveBayesParameters(archive: archive, kind: Self.archiveKind)
    }
}
