import AprendizTensor

/// Softmax (multinomial logistic) regression (§12.8): ``LogisticRegression`` with one softmax over all K
/// classes even when K = 2,
/// ```
/// P(classes[k] | x) = e^{x·wₖ + bₖ} / Σⱼ e^{x·wⱼ + bⱼ},   minimise C·Σᵢ −log P(yᵢ | xᵢ) + ½‖W‖²
/// ```
/// (for K > 2 it is exactly scikit-learn's `LogisticRegression`). Defaults: C = 1, L2.
public struct SoftmaxRegression: Estimator, Equatable, Codable {
    public static let name = "SoftmaxRegression"
    /// The underlying logistic regression (its `alwaysMultinomial` is true).
    public var logistic: LogisticRegression

    /// Validates and stores the hyper-parameters (as ``LogisticRegression``).
    public init(c: Double = 1, penalty: LogisticRegression.Penalty = .l2, fitIntercept: Bool = true,
                tolerance: Double = 1e-4, maximumIterations: Int = 100) throws(ClassicError) {
        do {
            logistic = try LogisticRegression(c: c, penalty: penalty, fitIntercept: fitIntercept, tolerance: tolerance,
                                              maximumIterations: maximumIterations, alwaysMultinomial: true)
        } catch { throw error.renamed(from: LogisticRegression.name, to: Self.name) }
    }

    public func validate() throws(ClassicError) {
        do { try logistic.validate() } catch { throw error.renamed(from: LogisticRegression.name, to: Self.name) }
    }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> LogisticModel {
        var multinomial = logistic
        multinomial.alwaysMultinomial = true
        do { return try multinomial.fit(x, y) } catch { throw error.renamed(from: LogisticRegression.name, to: Self.name) }
    }
}
