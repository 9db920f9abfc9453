import AprendizTensor
import Foundation

/// A fitted naive Bayes classifier (§5.2 Bayes' rule, §14): each class's joint log-likelihood
/// ```
/// jll_c(x) = ln P(c) + Σⱼ ln P(xⱼ | c)           (features independent given the class)
/// ln P(c | x) = jll_c(x) − ln Σ_c' e^{jll_c'(x)}  (log-sum-exp, shifted by the largest term)
/// ```
/// The three variants differ in P(xⱼ | c): ``GaussianNB``, ``MultinomialNB``, ``BernoulliNB``.
public protocol NaiveBayesModel: ClassificationModel {
    /// jll_c(xᵢ) for each row and class, row-major `[rows, classes]`.
    func jointLogLikelihood(_ x: Tensor) -> [Double]
}

extension NaiveBayesModel {
    /// ln P(c | xᵢ), `[rows, classes]` (scikit-learn's `predict_log_proba`), computed in `Double`.
    public func predictLogProbabilities(_ x: Tensor) -> Tensor {
        let k = classes.count
        var jll = jointLogLikelihood(x)
        for start in stride(from: 0, to: jll.count, by: k) {
            let top = jll[start..<(start + k)].max()!
            let normalizer = top + log(jll[start..<(start + k)].reduce(0) { $0 + exp($1 - top) })
            for c in start..<(start + k) { jll[c] -= normalizer }
        }
        return Tensor(shape: [jll.count / k, k], scalars: jll.map(Float.init))
    }

    public func predictProbabilities(_ x: Tensor) -> Tensor { predictLogProbabilities(x).exp() }

    /// The class with the largest joint log-likelihood (the smaller label on ties), as `Float` labels.
    public func predict(_ x: Tensor) -> Tensor {
        let k = classes.count, jll = jointLogLikelihood(x)
        return Tensor(stride(from: 0, to: jll.count, by: k).map { start in
            var best = start
            for c in start..<(start + k) where jll[c] > jll[best] { best = c }
            return Float(classes[best - start])
        })
    }

    /// Checks the width of `x` before a prediction.
    func requireFeatures(_ x: Tensor, _ function: String) {
        require(x.rank == 2 && x.shape[1] == featureCount, "\(Self.self).\(function): x must be [count, \(featureCount)], got \(x.shape)")
    }
}

/// Class priors given by the user: one per class, non-negative, summing to 1 (scikit-learn's `priors`/`class_prior`).
func checkPriors(_ priors: [Double]?, classes: Int, for estimator: String) throws(ClassicError) {
    guard let priors else { return }
    guard priors.count == classes else {
        throw .invalidData(estimator: estimator, reason: "\(priors.count) class priors given for \(classes) classes in y")
    }
    try checkHyperParameter(priors.allSatisfy { $0 >= 0 } && abs(priors.reduce(0, +) - 1) <= 1e-8, estimator, "priors", priors,
                            "non-negative and summing to 1")
}

/// Rows `[rows, columns]` of `x` grouped by class: `counts[c]` rows and the per-class column sums.
struct ClassSums {
    let counts: [Double]
    /// Σ_{i in c} f(xᵢⱼ), row-major `[classes, columns]`.
    let sums: [Double]

    init(_ x: DenseMatrix, labels: [Int], classes: Int, _ transform: (Double) -> Double = { $0 }) {
        var counts = [Double](repeating: 0, count: classes), sums = [Double](repeating: 0, count: classes * x.columns)
        for (i, c) in labels.enumerated() {
            counts[c] += 1
            for j in 0..<x.columns { sums[c * x.columns + j] += transform(x.values[i * x.columns + j]) }
        }
        self.counts = counts
        self.sums = sums
    }
}
